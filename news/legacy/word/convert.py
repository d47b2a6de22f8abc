"""A .docx as a `WordArticle`: title, 来源, 作者, 发布时间 and a body of StreamField blocks.

Mammoth turns the body into plain HTML (headings, bold/italic, lists, tables with
their spans, pictures with their alt text, footnotes); python-docx reads the
document's properties. The first lines give the title and the meta lines (the same
rules as the old site's pages, `news.legacy.meta`) and leave the body. Every
paragraph block is passed through Wagtail's own rich-text converter with the body's
features, so what is stored is exactly what the editor could have typed.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

import docx
import mammoth
from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import LxmlError
from PIL import Image, UnidentifiedImageError
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from news.legacy.meta import Meta, is_meta_line
from news.legacy.record import UnreadableFile
from news.legacy.word.headings import MAX_HEADING, heading_level
from news.legacy.word.package import ASK_FOR_DOCX, open_package
from news.legacy.word.tables import table_value
from portal.core.blocks import PARAGRAPH_FEATURES

# Word's own heading styles, one level down: the article's title is the page's h1.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='heading 1'] => h2:fresh
p[style-name='heading 2'] => h3:fresh
p[style-name='heading 3'] => h4:fresh
p[style-name='heading 4'] => h4:fresh
p[style-name='heading 5'] => h4:fresh
p[style-name='heading 6'] => h4:fresh
"""
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
IMAGE_PLACEHOLDER = "word-image:"
# Where the title and meta lines may be: a 红头 and a 发文字号 can come first.
HEAD_BLOCKS = 8
DOCUMENT_NUMBER = re.compile(r".{1,12}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d+\s*号")
CAPTION = re.compile(r"(?:图|图片)\s*\d*[\s:：.．、]")
CAPTION_MAX = 200
TITLE_MAX = 255
TITLE_LINE_MAX = 100
# Names Word and WPS put in 作者 by themselves: the computer's user, not the writer.
MACHINE_AUTHORS = {
    "administrator",
    "admin",
    "user",
    "users",
    "微软用户",
    "microsoft",
}
NOTES_HEADING = "注释"


@dataclass
class WordPicture:
    data: bytes
    filename: str
    alt: str = ""
    caption: str = ""

    @property
    def sha1(self):
        return hashlib.sha1(self.data).hexdigest()


@dataclass
class WordArticle:
    """`body` holds ("paragraph", html), ("heading", text), ("image", WordPicture) and
    ("table", TableBlock value) items."""

    title: str
    source: str = ""
    authors: str = ""
    publish_time: datetime | None = None
    body: list[tuple[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind):
        return sum(1 for block_kind, _ in self.body if block_kind == kind)


def read_word(data, name=""):
    """The article in the .docx `data` (its file name `name`), or UnreadableFile."""
    package = open_package(data, name)
    properties = read_properties(data)
    pictures, warnings = [], []
    with package:
        try:
            result = mammoth.convert_to_html(
                io.BytesIO(data),
                style_map=STYLE_MAP,
                include_embedded_style_map=False,
                convert_image=mammoth.images.img_element(PictureReader(pictures, warnings)),
            )
        except (KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError):
            raise UnreadableFile(f"文档结构已损坏，无法读取。{ASK_FOR_DOCX}") from None
    article = Builder(pictures, warnings).build(result.value)
    fill_from_properties(article, properties, name)
    return article


def read_properties(data):
    """The core properties, after checking the length (python-docx parses with lxml,
    which is fast, so the check costs little even for a long document)."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, LxmlError, zipfile.BadZipFile):
        raise UnreadableFile(f"文档结构已损坏，无法读取。{ASK_FOR_DOCX}") from None
    paragraphs = sum(1 for _ in document.element.body.iter(qn("w:p")))
    limit = settings.WORD_IMPORT_MAX_PARAGRAPHS
    if paragraphs > limit:
        raise UnreadableFile(
            f"文档太长（{paragraphs} 段，上限 {limit} 段），不适合作为一篇文章。"
            "请拆分为几篇文章后分别导入。"
        )
    return document.core_properties


def fill_from_properties(article, properties, name):
    if not article.title:
        article.title = (properties.title or "").strip() or PurePath(name).stem or "未命名文章"
    author = (properties.author or "").strip()
    if not article.authors and author.lower() not in MACHINE_AUTHORS:
        article.authors = author
    article.title = article.title[:TITLE_MAX]
    article.source = article.source[:100]
    article.authors = article.authors[:200]


class PictureReader:
    """Mammoth's image callback: checks each picture and keeps it for the library."""

    def __init__(self, pictures, warnings):
        self.pictures, self.warnings = pictures, warnings

    def __call__(self, image):
        number = len(self.pictures) + 1
        alt = " ".join((image.alt_text or "").split())[:255]
        label = f"第 {number} 张图片" + (f"“{alt}”" if alt else "")
        with image.open() as stream:
            data = stream.read()
        self.pictures.append(None)  # numbered in the order of the document, kept or not
        kind, pixels = picture_format(data)
        if kind is None:
            self.warnings.append(f"{label}不是可读取的图片，已跳过，请在编辑页面补上。")
            return {"src": ""}
        if kind not in FORMATS:
            shown = "EMF/WMF 矢量图" if kind == "WMF" else kind
            self.warnings.append(
                f"{label}是 {shown} 格式，网页无法显示，已跳过；"
                "请另存为 PNG 或 JPG 后在编辑页面补上。"
            )
            return {"src": ""}
        if len(data) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE or (
            pixels > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        ):
            self.warnings.append(f"{label}过大，超过图片库的上限，已跳过；请缩小后在编辑页面补上。")
            return {"src": ""}
        self.pictures[-1] = WordPicture(data, f"word-{number}.{FORMATS[kind]}", alt)
        return {"src": f"{IMAGE_PLACEHOLDER}{number - 1}", "alt": alt}


def picture_format(data):
    """(Pillow's name for the picture's format, its pixels), from the header and a check
    of the data without decoding it; (None, 0) when it is no picture."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind, (width, height) = picture.format, picture.size
            if kind in FORMATS:
                picture.verify()
            return kind, width * height
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None, 0


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())


def all_bold(element):
    strong = "".join(tag.get_text() for tag in element.find_all(["strong", "b"]))
    return "".join(strong.split()) == "".join(element.get_text().split())


class Builder:
    """Mammoth's HTML -> the article's fields and body blocks."""

    def __init__(self, pictures, warnings):
        self.pictures, self.warnings = pictures, warnings
        self.body, self.rich = [], []
        self.converter = ContentstateConverter(PARAGRAPH_FEATURES)

    def build(self, html):
        soup = BeautifulSoup(html, "html.parser")
        notes = take_notes(soup)
        blocks = [child for child in soup.children if not isinstance(child, NavigableString)]
        article = WordArticle(title="")
        self.read_head(blocks, article)
        for element in blocks:
            self.add(element)
        if notes:
            self.flush()
            self.body.append(("heading", NOTES_HEADING))
            self.rich.append("<ol>" + "".join(f"<li>{note}</li>" for note in notes) + "</ol>")
        self.flush()
        if not any(kind != "heading" for kind, _ in self.body):
            raise UnreadableFile("文档里找不到正文（除标题外没有文字、图片或表格）。")
        article.body, article.warnings = self.body, self.warnings
        return article

    def read_head(self, blocks, article):
        """Take the title and the meta lines off the top of the body."""
        meta = Meta()
        for element in list(blocks[:HEAD_BLOCKS]):
            if element.name not in {"p", "h1", "h2"} or element.find("img"):
                break
            text = text_of(element)
            if not text:
                blocks.remove(element)
            elif is_meta_line(text):
                meta.read(text)
                blocks.remove(element)
            elif article.title or len(text) > TITLE_LINE_MAX:
                break  # the body has begun (a long first line is text, not a title)
            elif DOCUMENT_NUMBER.fullmatch(text) or text.endswith("文件"):
                continue  # 发文字号 and 红头 stay in the body, above the text
            else:
                article.title = text
                blocks.remove(element)
        article.source = meta.source
        article.authors = " ".join(meta.authors)
        article.publish_time = meta.publish_time

    def add(self, element):
        if element.name == "table":
            self.add_table(element)
            return
        pictures = self.take_pictures(element)
        text = text_of(element)
        level = {"h1": 2, "h2": 2, "h3": 3}.get(element.name, 4 if element.name[0] == "h" else 0)
        if element.name == "p":
            level = heading_level(text, all_bold(element)) or 0
        if text and level == 2 and len(text) <= MAX_HEADING:
            self.flush()
            self.body.append(("heading", text))
        elif text and level:
            self.rich.append(f"<h{min(level, 4)}>{escape_text(text)}</h{min(level, 4)}>")
        elif text and self.is_caption(element, text, pictures):
            self.body[-1][1].caption = text[:CAPTION_MAX]
        elif text:
            self.rich.append(str(element))
        for picture in pictures:
            self.flush()
            self.body.append(("image", picture))

    def is_caption(self, element, text, pictures):
        """A short "图1 ……" line just below a picture is that picture's caption."""
        last_is_picture = not self.rich and self.body and self.body[-1][0] == "image"
        return (
            last_is_picture
            and not pictures
            and element.name == "p"
            and len(text) <= CAPTION_MAX
            and CAPTION.match(text) is not None
            and not self.body[-1][1].caption
        )

    def take_pictures(self, element):
        """Remove the <img> of `element`, in order, as the pictures they stand for."""
        found = []
        for img in element.find_all("img"):
            src = img.get("src", "")
            img.decompose()
            if src.startswith(IMAGE_PLACEHOLDER):
                picture = self.pictures[int(src.removeprefix(IMAGE_PLACEHOLDER))]
                if picture is not None:
                    found.append(picture)
        return found

    def add_table(self, table):
        pictures = self.take_pictures(table)
        value, cut = table_value(table)
        if cut:
            self.warnings.append(f"表格过长，只导入了前 {len(value['data'])} 行（略去 {cut} 行）。")
        if value["data"]:
            self.flush()
            self.body.append(("table", value))
        for picture in pictures:
            self.body.append(("image", picture))
        if pictures:
            self.warnings.append(f"表格中的 {len(pictures)} 张图片已放在表格下方，请核对位置。")

    def flush(self):
        """The rich fragments so far as one paragraph block, as the editor would keep it."""
        if not self.rich:
            return
        html = "".join(self.rich)
        self.rich = []
        clean = self.converter.to_database_format(self.converter.from_database_format(html))
        clean = re.sub(r"<p[^>]*>\s*</p>", "", clean)
        if clean.strip():
            self.body.append(("paragraph", clean))


def escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def take_notes(soup):
    """Footnotes and endnotes as plain notes: the references become "[1]" in superscript
    (Draftail keeps no anchors), the notes' HTML is returned for a 注释 list."""
    for link in soup.select('a[href^="#footnote-"], a[href^="#endnote-"]'):
        if (link.get("id") or "").startswith(("footnote-ref-", "endnote-ref-")):
            link.replace_with(link.get_text())
    for sup in soup.find_all("sup"):  # mammoth nests the reference's <sup> in Word's own
        if sup.parent is not None and sup.parent.name == "sup":
            sup.unwrap()
    notes = []
    for item in soup.select('li[id^="footnote-"], li[id^="endnote-"]'):
        for back in item.select('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]'):
            back.decompose()
        for paragraph in item.find_all("p"):
            paragraph.unwrap()
        notes.append(item.decode_contents().strip())
        holder = item.parent
        item.decompose()
        if holder is not None and not holder.find("li"):
            holder.decompose()
    return notes

"""An HTML page read as a browser lays it out: lines of text, and pictures.

Also finds the article's text block by where the paragraph text is, not by the
class names of one CMS.
"""

import re
from collections import defaultdict
from urllib.parse import urlsplit

from bs4 import Comment, Declaration, Doctype, NavigableString, Tag

from news.legacy.chinese import BLANKS, CHINESE, NEAR_CHINESE, words
from news.legacy.layout import Heading

BLOCK = set(
    words(
        """address article aside blockquote body center dd div dl dt figcaption figure footer
        h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td th
        ul caption"""
    )
)
JUNK = words(
    """script style noscript iframe frame frameset form button input select textarea svg
    object embed template map audio video canvas head"""
)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PARAGRAPHS = {"p", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6"}
CAPTION_START = re.compile(r"^(?:图为|图：|图:|▲|△|↑|（图|【图|\(图|上图|下图|左图|右图|照片)")
CAPTION_MARK = "▲△↑ "
CAPTION_MAX = 60
FILE_LIKE_ALT = re.compile(r"^(?:图片|图像|照片|图)\s*\d*$")
BETWEEN_CHINESE = re.compile(rf"(?<={NEAR_CHINESE})[ \t\r\n]*\n[ \t\r\n]*(?={NEAR_CHINESE})")
LINKED_SHARE = 0.6  # a line more than this much link text is navigation, not prose
PARAGRAPH_MIN = 10
DOCUMENT = re.compile(r"\.(?:pdf|ofd|docx?|xlsx?|wps)$", re.I)
ATTACHMENT_LABEL = re.compile(r"\s*(?:相关)?附件\s*\d*\s*[:：]?\s*")
PROSE = re.compile("[，。；！？]")
NOT_PROSE_SHARE = 0.2  # characters of a block's own text for it to count as a paragraph


def strip_junk(soup):
    """Only what a reader sees is left: no scripts, forms, comments or the <head>."""
    for tag in soup.find_all(JUNK):
        tag.decompose()
    markup = Comment | Declaration | Doctype
    for node in soup.find_all(string=lambda s: isinstance(s, markup)):
        node.extract()


def squeeze(text):
    """Rendered text: source line breaks inside Chinese vanish, other runs of space become one."""
    return BLANKS.sub(" ", BETWEEN_CHINESE.sub("", text)).strip()


def weight(text):
    return len(BLANKS.sub("", text))


def block_parent(tag):
    parent = tag.parent
    while parent is not None and parent.name not in BLOCK:
        parent = parent.parent
    return parent


def inline_text(tag):
    """The text a block shows itself: not its child blocks', not its links'."""
    parts = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag) and child.name not in BLOCK | {"a"}:
            parts.append(inline_text(child))
    return "".join(parts)


def text_block(soup):
    """The element holding most of the page's paragraph text, or None.

    Each paragraph counts for the block around it and half for the one around
    that, so an article split into nested blocks still wins; link text does not
    count, so menus and link lists never do, and text without a sentence in it
    (a footer's 主办/地址/电话 lines) counts little.
    """
    scores, tags = defaultdict(float), {}
    for tag in soup.find_all(BLOCK):
        text = inline_text(tag)
        own = weight(text)
        if own < PARAGRAPH_MIN:
            continue
        if not PROSE.search(text):  # footers and contact lines are text without sentences
            own *= NOT_PROSE_SHARE
        host = block_parent(tag) if tag.name in PARAGRAPHS else tag
        for share, block in ((1, host), (0.5, host and block_parent(host))):
            if block is not None:
                tags[id(block)] = block
                scores[id(block)] += own * share
    return tags[max(scores, key=scores.get)] if scores else None


def is_centered(tag):
    style = BLANKS.sub("", tag.get("style", "")).lower()
    return (
        tag.name == "center"
        or (tag.get("align") or "").lower() == "center"
        or "text-align:center" in style
    )


class Renderer:
    """The page as lines, each tagged with where it is: "title" (inside the title's
    element), "body" (inside the article's text block) or "outside"."""

    def __init__(self, container, title_tag, images):
        self.container, self.title_tag, self.images = container, title_tag, images
        self.items, self.pieces, self.alts = [], [], {}
        self.link_weight = 0  # of the pieces not yet flushed, how much was link text
        self.linked = set()  # indexes of the items that are mostly link text

    def render(self, soup):
        self.walk(soup, "outside", False)
        self.flush("outside", False)
        for picture, alt in self.alts.values():  # a visible caption wins over alt text
            picture.caption = picture.caption or alt
        return self.items

    def walk(self, node, where, centered, in_link=False):
        for child in node.children:
            if isinstance(child, NavigableString):
                self.pieces.append(str(child))
                self.link_weight += weight(child) if in_link else 0
                continue
            if not isinstance(child, Tag):
                continue
            inner = where
            if child is self.title_tag:
                inner = "title"
            elif child is self.container and where == "outside":
                inner = "body"
            if child.name == "br":
                self.flush(where, centered)
            elif child.name == "img":
                self.image(child, where, centered)
            elif child.name == "a" and where == "body" and is_document(child.get("href")):
                self.attachment(child, where, centered)
            else:
                block = child.name in BLOCK or inner != where
                if block:
                    self.flush(where, centered)
                inner_centered = centered or is_centered(child)
                self.walk(child, inner, inner_centered, in_link or child.name == "a")
                if block:
                    self.flush(inner, inner_centered, heading=child.name in HEADINGS)

    def image(self, tag, where, centered):
        if where != "body":
            self.pieces.append(" ")  # pictures used as separators, e.g. between crumbs
            return
        self.flush(where, centered)
        src = tag.get("data-original") or tag.get("data-src") or tag.get("src")
        picture = self.images.load(src)
        if picture is not None:
            self.items.append((where, picture))
            alt = squeeze(tag.get("alt") or tag.get("title") or "")
            if CHINESE.search(alt) and not FILE_LIKE_ALT.match(alt):
                self.alts[id(picture)] = (picture, alt[:CAPTION_MAX])

    def attachment(self, tag, where, centered):
        label = squeeze(tag.get_text(" ")) or squeeze(tag.get("title", ""))
        self.pieces.append(label)  # shown as text when the file cannot be had
        document = self.images.attachment(tag["href"], label)
        if document is None:
            return
        self.pieces.pop()
        if ATTACHMENT_LABEL.fullmatch(squeeze("".join(self.pieces))):
            self.pieces = []  # "附件：" before the link is the block's own label
        self.flush(where, centered)
        self.items.append((where, document))

    def flush(self, where, centered, heading=False):
        text, self.pieces = squeeze("".join(self.pieces)), []
        linked, self.link_weight = self.link_weight, 0
        if not text:
            return
        previous = self.items[-1][1] if self.items else None
        if where == "body" and is_caption(previous, text, centered):
            previous.caption = text.lstrip(CAPTION_MARK)
            return
        if linked > weight(text) * LINKED_SHARE:
            self.linked.add(len(self.items))
        self.items.append((where, Heading(text) if heading else text))


def is_document(href):
    return DOCUMENT.search(urlsplit((href or "").strip()).path) is not None


def is_caption(previous, text, centered):
    """A short line right under a picture, centred or starting like "图为…", is its caption."""
    return (
        previous is not None
        and getattr(previous, "kind", "") == "image"
        and not previous.caption
        and len(text) <= CAPTION_MAX
        and (centered or CAPTION_START.match(text) is not None)
    )

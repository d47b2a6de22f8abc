"""Saved HTML pages of old articles, from whatever CMS made them.

The article's text block is found by where the page's paragraph text is, not by
the class names of one CMS; the title is the heading that the <title> repeats.
Only text and pictures are taken: the old markup, links and scripts stay behind.
"""

import codecs
import re
from collections import defaultdict

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag

from news.legacy.chinese import BLANKS, CHINESE, NEAR_CHINESE, words
from news.legacy.layout import (
    POSITION,
    Heading,
    body_blocks,
    breadcrumb_text,
    clean_crumbs,
    is_text,
    split_crumbs,
    split_head,
    split_tail,
)
from news.legacy.meta import Meta, find_datetime, is_meta_line, is_name
from news.legacy.record import UnreadableFile, normalise_url

JUNK = words(
    """script style noscript iframe frame frameset form button input select textarea svg
    object embed template map audio video canvas head"""
)
BLOCK = set(
    words(
        """address article aside blockquote body center dd div dl dt figcaption figure footer
        h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td th
        ul caption"""
    )
)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PARAGRAPHS = {"p", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6"}
TITLE_HINT = re.compile(r"title|biaoti|headline|^bt$|^tit$", re.I)
CAPTION_START = re.compile(r"^(?:图为|图：|图:|▲|△|↑|（图|【图|\(图|上图|下图|左图|右图|照片)")
CAPTION_MAX = 60
BETWEEN_CHINESE = re.compile(rf"(?<={NEAR_CHINESE})[ \t\r\n]*\n[ \t\r\n]*(?={NEAR_CHINESE})")

SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)|\burl:\s*(https?://\S+)", re.I)
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
PUBLISHED = words("pubdate publishdate publish_date article:published_time date")


def decode_html(data):
    """Bytes -> text: a BOM, else UTF-8 if it is valid, else the declared charset, else GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = DECLARED_CHARSET.search(data[:4096])
    encodings = ["utf-8"]
    if declared:
        name = declared[1].decode("ascii").lower()
        encodings.append("gb18030" if name in GB else name)
    encodings.append("gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise UnreadableFile("无法识别文件的文字编码")


def squeeze(text):
    """Rendered text: source line breaks inside Chinese vanish, other runs of space become one."""
    return BLANKS.sub(" ", BETWEEN_CHINESE.sub("", text)).strip()


def weight(text):
    return len(BLANKS.sub("", text))


class HtmlPage:
    """One saved page: `old_urls()` first, then `parse(images)` -> (title, meta, crumbs, blocks)."""

    def __init__(self, content):
        self.soup = BeautifulSoup(content, "html.parser")
        self.tags = {
            (tag.get("name") or tag.get("property") or "").lower(): tag.get("content") or ""
            for tag in self.soup.find_all("meta")
        }
        self.page_title = squeeze(self.soup.title.get_text()) if self.soup.title else ""

    def old_urls(self):
        found = [self.tags.get("og:url", "")]
        canonical = self.soup.find("link", rel="canonical")
        if canonical:
            found.append(canonical.get("href", ""))
        for comment in self.soup.find_all(string=lambda s: isinstance(s, Comment)):
            found += [a or b for a, b in SAVED_FROM.findall(comment)]
        urls = [normalise_url(url) for url in found]
        return list(dict.fromkeys(url for url in urls if url))

    def strip_junk(self):
        for tag in self.soup.find_all(JUNK):
            tag.decompose()
        markup = Comment | Declaration | Doctype
        for node in self.soup.find_all(string=lambda s: isinstance(s, markup)):
            node.extract()

    def take_breadcrumb(self, title):
        """Crumbs from the "当前位置" run of text and links, which is then removed."""
        label = self.soup.find(string=lambda s: breadcrumb_text(squeeze(s)) is not None)
        if label is None:
            column = self.tags.get("columnname", "")
            return clean_crumbs([column], title)
        start = label
        while start.parent and start.parent.name not in BLOCK and not start.previous_sibling:
            start = start.parent
        run, node = [], start
        while node is not None and not (isinstance(node, Tag) and node.name in BLOCK | {"br"}):
            run.append(node)
            node = node.next_sibling
        parts = []
        for node in run:
            links = node.find_all("a") if isinstance(node, Tag) else []
            if isinstance(node, Tag) and node.name == "a":
                links = [node]
            for link in links:
                link.replace_with(f" > {link.get_text()} > ")
            parts.append(node.get_text() if isinstance(node, Tag) else str(node))
        text = " ".join(parts)
        for node in run:
            node.extract()
        match = POSITION.search(text)
        return split_crumbs(text[match.end() :] if match else text, title)

    def find_title(self):
        """(title text, its element or None)."""
        wanted = BLANKS.sub("", self.page_title)
        hinted = [
            tag
            for tag in self.soup.find_all(["h1", "h2", "h3", "h4", "div", "p", "td", "span"])
            if TITLE_HINT.search(" ".join(tag.get("class", [])) + " " + tag.get("id", ""))
        ]
        candidates = self.soup.find_all("h1") + hinted + self.soup.find_all(["h2", "h3"])
        for tag in candidates:
            text = squeeze(tag.get_text(" "))
            if 4 <= len(text) <= 120 and BLANKS.sub("", text) in wanted:
                return text, tag
        h1 = self.soup.find_all("h1")
        named = [squeeze(self.tags.get(name, "")) for name in ("articletitle", "og:title")]
        if len(h1) == 1:
            named.append(squeeze(h1[0].get_text(" ")))
        named.append(re.split(r"\s*[_|｜–—-]\s*", self.page_title)[0])
        title = next((text for text in named if text), None)
        if title is None:
            raise UnreadableFile("找不到标题：没有 <title>、<h1> 或标题元素")
        # Where the page shows it, so the meta lines after it can be found.
        return title, self.soup.find(lambda tag: squeeze(tag.get_text(" ")) == title)

    def find_container(self):
        """The element holding most of the page's paragraph text (links do not count)."""
        scores, tags = defaultdict(float), {}
        for tag in self.soup.find_all(BLOCK):
            own = weight(inline_text(tag))
            if own < 10:
                continue
            host = block_parent(tag) if tag.name in PARAGRAPHS else tag
            if host is None:
                continue
            tags[id(host)] = host
            scores[id(host)] += own
            parent = block_parent(host)
            if parent is not None:
                tags[id(parent)] = parent
                scores[id(parent)] += own / 2
        if not scores:
            raise UnreadableFile("找不到正文：页面里没有成段的文字")
        return tags[max(scores, key=scores.get)]

    def parse(self, images):
        self.strip_junk()
        title, title_tag = self.find_title()
        crumbs = self.take_breadcrumb(title)
        container = self.find_container()
        items = Renderer(container, title_tag, images).render(self.soup)
        title_at = max((i for i, (where, _) in enumerate(items) if where == "title"), default=-1)
        body_at = [i for i, (where, _) in enumerate(items) if where == "body" and i > title_at]
        between = [
            item
            for where, item in items[title_at + 1 : body_at[0] if body_at else None]
            if where == "outside" and is_text(item) and is_meta_line(item)
        ]
        lines = [items[i][1] for i in body_at]
        while lines and lines[0] == title:  # the title repeated inside the text block
            lines.pop(0)
        head, rest = split_head(lines)
        meta = Meta()
        for line in between + head:
            meta.read(line)
        body, tail = split_tail(rest, keep_dates=meta.publish_time is not None)
        for line in tail:
            meta.read(line)
        self.read_meta_tags(meta)
        return title, meta, crumbs, body_blocks(body)

    def read_meta_tags(self, meta):
        """Government-site CMSs put the facts in <meta name="PubDate"> and friends."""
        for name in PUBLISHED:
            if meta.publish_time is None:
                meta.publish_time = find_datetime(self.tags.get(name, ""))
        if not meta.source:
            meta.source = squeeze(self.tags.get("contentsource", ""))
        names = self.tags.get("author", "").split()
        if not meta.authors and names and all(is_name(name) for name in names):
            meta.authors = names


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


def is_centered(tag):
    style = BLANKS.sub("", tag.get("style", "")).lower()
    return (
        tag.name == "center"
        or (tag.get("align") or "").lower() == "center"
        or "text-align:center" in style
    )


class Renderer:
    """The page as lines, the way a browser would lay it out, each tagged with
    where it is: inside the title, inside the article's text block, or outside."""

    def __init__(self, container, title_tag, images):
        self.container, self.title_tag, self.images = container, title_tag, images
        self.items, self.pieces = [], []

    def render(self, soup):
        self.walk(soup, "outside", False)
        self.flush("outside", False)
        return self.items

    def walk(self, node, where, centered):
        for child in node.children:
            if isinstance(child, NavigableString):
                self.pieces.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            inner = (
                "title"
                if child is self.title_tag
                else "body"
                if child is self.container and where == "outside"
                else where
            )
            if child.name == "br":
                self.flush(where, centered)
            elif child.name == "img":
                self.image(child, where, centered)
            else:
                block = child.name in BLOCK or inner != where
                if block:
                    self.flush(where, centered)
                inner_centered = centered or is_centered(child)
                self.walk(child, inner, inner_centered)
                if block:
                    self.flush(inner, inner_centered, heading=child.name in HEADINGS)

    def image(self, tag, where, centered):
        if where != "body":
            self.pieces.append(" ")  # pictures used as separators, e.g. between crumbs
            return
        self.flush(where, centered)
        alt = squeeze(tag.get("alt") or tag.get("title") or "")
        caption = alt if CHINESE.search(alt) and alt not in {"图片", "图像"} else ""
        src = tag.get("data-original") or tag.get("data-src") or tag.get("src")
        picture = self.images.load(src, caption[:CAPTION_MAX])
        if picture is not None:
            self.items.append((where, picture))

    def flush(self, where, centered, heading=False):
        text, self.pieces = squeeze("".join(self.pieces)), []
        if not text:
            return
        previous = self.items[-1][1] if self.items else None
        if where == "body" and is_caption(previous, text, centered):
            previous.caption = text
            return
        self.items.append((where, Heading(text) if heading else text))


def is_caption(previous, text, centered):
    """A short line right under a picture, centred or starting like "图为…", is its caption."""
    return (
        previous is not None
        and not is_text(previous)
        and not previous.caption
        and len(text) <= CAPTION_MAX
        and (centered or CAPTION_START.match(text) is not None)
    )

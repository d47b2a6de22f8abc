"""Saved HTML pages of old articles, from whatever CMS made them, in whatever encoding.

The title is the heading that the <title> repeats; the breadcrumb is the
"当前位置" line or a block classed as one; the body is the page's main text block
(`html_text`). Only text and pictures are taken: the old markup, links and
scripts stay behind.
"""

import re
from collections import Counter

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from news.legacy.chinese import BLANKS, decode, words
from news.legacy.html_text import (
    BLOCK,
    Renderer,
    block_parent,
    squeeze,
    strip_junk,
    text_block,
    weight,
)
from news.legacy.layout import (
    POSITION,
    body_blocks,
    breadcrumb_text,
    chrome_reason,
    clean_crumbs,
    is_chrome,
    is_text,
    looks_like_title,
    split_crumbs,
    split_head,
    split_tail,
)
from news.legacy.meta import DATE, LABEL, Meta, find_datetime, is_meta_line, is_name
from news.legacy.record import UnreadableFile, normalise_url
from news.legacy.template import SINGLE_PAGE

TITLE_HINT = re.compile(r"title|biaoti|headline|^bt$|^tit$", re.I)
TITLE_SEPARATOR = re.compile(r"\s*[_|｜–—-]\s*")
CRUMB_HINT = re.compile(
    r"^(?:bread)?crumbs?$|^breadcrumb|^(?:position|location|weizhi|dqwz|nav-?path|site-?path)$",
    re.I,
)
CRUMB_SIZE, CRUMB_LINKS = 200, 15  # a bigger block is not a breadcrumb
META_LINES = 8  # lines between the title and the text block that may hold the meta line
SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)|\burl:\s*(https?://\S+)", re.I)
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
PROSE_END = tuple("。！？；”")  # a linked line ending so is a sentence, not a menu
PUBLISHED = words("pubdate publishdate publish_date article:published_time date")


def decode_html(data):
    declared = DECLARED_CHARSET.search(data[:4096])
    return decode(data, declared[1].decode("ascii") if declared else "")


class HtmlPage:
    """One saved page: `old_urls()` first, then `parse(images)` -> (title, meta, crumbs, blocks)."""

    def __init__(self, content):
        self.soup = BeautifulSoup(content, "html.parser")
        self.tags = {
            (tag.get("name") or tag.get("property") or "").lower(): tag.get("content") or ""
            for tag in self.soup.find_all("meta")
        }
        self.page_title = squeeze(self.soup.title.get_text()) if self.soup.title else ""
        self.dropped = []

    def old_urls(self):
        found = [self.tags.get("og:url", "")]
        canonical = self.soup.find("link", rel="canonical")
        if canonical:
            found.append(canonical.get("href", ""))
        for comment in self.soup.find_all(string=lambda s: isinstance(s, Comment)):
            found += [a or b for a, b in SAVED_FROM.findall(comment)]
        urls = [normalise_url(url) for url in found]
        return list(dict.fromkeys(url for url in urls if url))

    def take_breadcrumb(self, title):
        """Crumbs from the "当前位置" line or a breadcrumb block, which is then removed."""
        label = self.soup.find(string=lambda s: breadcrumb_text(squeeze(s)) is not None)
        nodes = inline_run(label) if label else []
        crumbs = split_crumbs(crumb_text(nodes), title)
        if not crumbs:
            block = breadcrumb_block(label) if label else self.soup.find(is_breadcrumb_block)
            nodes = [block] if block is not None else nodes
            crumbs = split_crumbs(crumb_text(nodes), title)
        for node in nodes:
            node.extract()
        return crumbs or clean_crumbs([self.tags.get("columnname", "")], title)

    def find_title(self):
        """(title text, the element showing it or None)."""
        wanted = BLANKS.sub("", self.page_title)
        hinted = [
            tag
            for tag in self.soup.find_all(["h1", "h2", "h3", "h4", "div", "p", "td", "span"])
            if TITLE_HINT.search(" ".join(tag.get("class", [])) + " " + tag.get("id", ""))
        ]
        # The longest heading the <title> repeats: a logo in <h1> repeats the site's name.
        candidates = self.soup.find_all("h1") + hinted + self.soup.find_all(["h2", "h3"])
        shown = [(squeeze(tag.get_text(" ")), tag) for tag in candidates]
        shown += [(first_line(tag), tag) for tag in candidates if tag.find("br")]
        shown = [(text, tag) for text, tag in shown if 4 <= len(text) <= 120]
        repeated = [(text, tag) for text, tag in shown if BLANKS.sub("", text) in wanted]
        if repeated:
            return max(repeated, key=lambda pair: len(pair[0]))
        h1 = self.soup.find_all("h1")
        named = [squeeze(self.tags.get(name, "")) for name in ("articletitle", "og:title")]
        if len(h1) == 1:
            named.append(squeeze(h1[0].get_text(" ")))
        # "文章标题_栏目_网站名" or "网站名 - 文章标题": the article's title is the longest part.
        named.append(max(TITLE_SEPARATOR.split(self.page_title), key=len))
        title = next((text for text in named if text), None)
        if title is None:
            raise UnreadableFile("找不到标题：没有 <title>、<h1> 或标题元素")
        return title, self.soup.find(lambda tag: squeeze(tag.get_text(" ")) == title)

    def parse(self, images, template=SINGLE_PAGE):
        """Also fills `dropped`: each line left out of the body, and why."""
        strip_junk(self.soup)
        title, title_tag = self.find_title()
        crumbs = self.take_breadcrumb(title)
        self.drop_template_blocks(template, title_tag)
        container = text_block(self.soup)
        if container is None:
            raise UnreadableFile("找不到正文：页面里没有成段的文字")
        renderer = Renderer(container, title_tag, images)
        items = renderer.render(self.soup)
        title_at = max((i for i, (where, _) in enumerate(items) if where == "title"), default=-1)
        body_at = [i for i, (where, _) in enumerate(items) if where == "body" and i > title_at]
        # The meta line may share the title's element: PHPCMS writes <h1>标题<br><span>日期…
        between = [item for where, item in items if where == "title" and item != title]
        between += [
            item
            for where, item in items[title_at + 1 : body_at[0] if body_at else None]
            if where == "outside" and is_text(item)
        ][-META_LINES:]
        if title_tag is None:  # <title> names only the site: the line above the meta line
            title = title_above_meta(between) or title
        outside = sum(1 for where, item in items if where == "outside" and is_text(item))
        if outside:
            self.dropped.append(f"正文块之外的 {outside} 行（导航、侧栏、页脚等）")
        lines, unread = [], []
        for i in body_at:
            line = items[i][1]
            why = self.template_reason(line, i in renderer.linked, template)
            if why is None:
                lines.append(line)
                continue
            self.dropped.append(f"{why}：{line}")
            if not lines:  # above the article: a date beside a label such as 推广
                unread.append(line)
        while lines and lines[0] == title:  # the title repeated inside the text block
            lines.pop(0)
        if title_tag is None and looks_like_title(lines[0] if lines else None):
            # <title> holds only the site's name; the text block starts with the title.
            title = lines.pop(0)
        head, rest = split_head(lines)
        meta = Meta()
        for line in [line for line in between if is_meta_line(line)] + unread + head:
            meta.read(line)
        body, tail = split_tail(rest, keep_dates=meta.publish_time is not None)
        for line in tail:
            meta.read(line)
        self.read_meta_tags(meta)
        self.report_rules(lines, kept=head + body + tail)
        return title, meta, crumbs, body_blocks(body)

    def drop_template_blocks(self, template, title_tag):
        """Remove the blocks the site prints on most pages (never the title or a meta line)."""
        if not template.pages:
            return
        title_blocks = set(map(id, title_tag.parents)) | {id(title_tag)} if title_tag else set()
        for tag in self.soup.find_all(BLOCK):
            if tag.decomposed or tag.name == "body" or id(tag) in title_blocks:
                continue
            text = tag.get_text()
            count = template.seen_on(text)
            if count and not (LABEL.search(text) or DATE.search(text)):
                shown = squeeze(tag.get_text(" "))
                self.dropped.append(f"本站 {template.share(count)} 个页面都有：{shown[:80]}")
                tag.decompose()

    @staticmethod
    def template_reason(line, linked, template):
        """Why a line of the text block is the site's and not the article's, or None."""
        if not is_text(line) or is_meta_line(line):
            return None  # pictures stay; meta lines are for the meta rules
        count = template.seen_on(line)
        if count:
            return f"本站 {template.share(count)} 个页面都有"
        if linked and not line.endswith(PROSE_END):
            return "几乎全是链接（导航）"
        return None

    def report_rules(self, lines, kept):
        """What the layout rules left out: buttons, widgets, 上一篇 and what follows, footers."""
        left = Counter(line for line in lines if is_text(line))
        left.subtract(line for line in kept if is_text(line))
        for line in lines:
            if is_text(line) and left[line] > 0:
                left[line] -= 1
                self.dropped.append(f"{chrome_reason(line)}：{line}")

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


def title_above_meta(lines):
    """The title-like line right above the first meta line, or None."""
    meta_at = next((i for i, line in enumerate(lines) if is_meta_line(line)), 0)
    above = [line for line in lines[:meta_at] if not is_chrome(line)]
    return above[-1] if above and looks_like_title(above[-1]) else None


def first_line(tag):
    """The text before the tag's first line break or block."""
    parts = []
    for node in tag.descendants:
        if isinstance(node, Tag) and (node.name == "br" or node.name in BLOCK):
            break
        if isinstance(node, NavigableString):
            parts.append(str(node))
    return squeeze("".join(parts))


def inline_run(label):
    """The label's text and the inline nodes after it, up to the next block or line break."""
    start = label
    while start.parent and start.parent.name not in BLOCK and not start.previous_sibling:
        start = start.parent
    run, node = [], start
    while node is not None and not (isinstance(node, Tag) and node.name in BLOCK | {"br"}):
        run.append(node)
        node = node.next_sibling
    return run


def crumb_text(nodes):
    """The breadcrumb's text with a separator around each link, item and picture."""

    def text(node):
        if isinstance(node, NavigableString):
            return str(node)
        inner = "".join(text(child) for child in node.children)
        return f" > {inner} > " if node.name in {"a", "li", "img", "br"} else inner

    joined = " ".join(text(node) for node in nodes)
    match = POSITION.search(joined)
    return joined[match.end() :] if match else joined


def is_small(block):
    return weight(block.get_text()) <= CRUMB_SIZE and len(block.find_all("a")) <= CRUMB_LINKS


def breadcrumb_block(label):
    """The smallest block around the label that has links, when it is small enough."""
    block = block_parent(label)
    while block is not None and not block.find("a"):
        block = block_parent(block)
    return block if block is not None and is_small(block) else None


def is_breadcrumb_block(tag):
    names = tag.get("class", []) + [tag.get("id", "")]
    return (
        tag.name in BLOCK
        and any(CRUMB_HINT.search(name) for name in names)
        and tag.find("a") is not None
        and is_small(tag)
    )

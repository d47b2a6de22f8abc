"""One file in, one `LegacyArticle` out, whatever the file's layout."""

from collections import defaultdict
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from news.legacy.capture import parse_capture
from news.legacy.chinese import decode
from news.legacy.html_page import HtmlPage, decode_html
from news.legacy.images import ImageFinder
from news.legacy.record import LegacyArticle, UnreadableFile, normalise_url
from news.legacy.template import SINGLE_PAGE, SiteTemplate

TEXT_SUFFIXES = {".txt", ".text"}
# Mirrors keep the old site's dynamic extensions.
HTML_SUFFIXES = {".htm", ".html", ".shtml", ".xhtml", ".asp", ".aspx", ".php", ".jsp"}
# Word documents become drafts (news.legacy.word). The old binary formats, given by
# name, get the message asking for .docx; in folders (mirrors keep .doc attachments)
# only .docx files are taken.
WORD_SUFFIXES = {".docx", ".docm", ".doc", ".wps"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx"}
# Browsers save a page's pictures in "<name>_files" (or "<name>.files") beside it.
ASSET_FOLDERS = ("_files", ".files")
LIMITS = {"标题": 255, "来源": 100, "作者": 200, "编辑": 100}


def article_files(paths):
    """(file, import root) for each file given and each article file in each folder given."""
    for path in map(Path, paths):
        if not path.is_dir():
            yield path, path.parent
            continue
        for file in sorted(path.rglob("*")):
            parts = file.relative_to(path).parts
            hidden = any(part.startswith(".") or part.endswith(ASSET_FOLDERS) for part in parts)
            if not hidden and file.is_file() and file.suffix.lower() in ARTICLE_SUFFIXES:
                yield file, path


def is_html(path, data):
    if path.suffix.lower() in TEXT_SUFFIXES:
        return False
    head = data[:1024].lstrip().lower()
    return path.suffix.lower() in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html"))


def site_templates(files):
    """{import root: the template learnt from its HTML pages}: a folder is one site."""
    pages = defaultdict(list)
    for path, root in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # reported when the file itself is read
        if is_html(path, data):
            with suppress(UnreadableFile):
                pages[root].append(decode_html(data))
    return {root: SiteTemplate.learn(contents) for root, contents in pages.items()}


def read_article(path, root=None, base_url="", extra_urls=(), template=SINGLE_PAGE):
    """Parse `path`; `root` is the folder the import started from (for "/img/..." pictures),
    `base_url` the old site's address of that folder, `extra_urls` more old addresses,
    `template` what the site prints on every page."""
    path = Path(path)
    root = Path(root or path.parent)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"无法读取文件：{error.strerror or error}") from None
    urls = [normalise_url(url) for url in extra_urls]
    if base_url:
        urls.append(normalise_url(urljoin(base_url, quote(path.relative_to(root).as_posix()))))
    if is_html(path, data):
        page = HtmlPage(decode_html(data))
        urls = page.old_urls() + urls
        images = ImageFinder(path.parent, root, [urlsplit(url).hostname for url in urls if url])
        return read_page(page, urls, images, template)
    title, meta, crumbs, body = parse_capture(decode(data))
    return checked_article(title, meta, crumbs, body, urls)


def read_page(page, urls, files, template=SINGLE_PAGE):
    """An `HtmlPage` -> `LegacyArticle`; `files` finds its pictures and attachments."""
    title, meta, crumbs, body = page.parse(files, template)
    article = checked_article(title, meta, crumbs, body, urls, files.warnings)
    article.dropped = page.dropped
    return article


def checked_article(title, meta, crumbs, body, urls, warnings=()):
    article = LegacyArticle(
        title=title,
        publish_time=meta.publish_time,
        source=meta.source,
        authors=meta.authors,
        editor=meta.editor,
        views=meta.views,
        crumbs=crumbs,
        old_urls=list(dict.fromkeys(url for url in urls if url)),
        body=body,
        warnings=list(warnings),
    )
    check(article)
    return article


def check(article):
    """Refuse what would be written half or wrong."""
    if article.publish_time is None:
        raise UnreadableFile("找不到发布时间（例如“发布时间：2020-03-19 10:38”或单独一行的日期）")
    if not any(kind in {"paragraph", "image", "attachment"} for kind, _ in article.body):
        raise UnreadableFile("找不到正文")
    values = {
        "标题": article.title,
        "来源": article.source,
        "作者": " ".join(article.authors),
        "编辑": article.editor,
    }
    for name, value in values.items():
        if len(value) > LIMITS[name]:
            raise UnreadableFile(f"{name} 超过 {LIMITS[name]} 字，可能识别有误：{value[:40]}…")

"""Crawling an old site: `import_legacy --crawl URL`.

From a column listing (or home page) it follows the listing's pagination, finds
the article links, fetches the articles (politely, see `fetch`), learns the
site's template from all of them and imports each one with its pictures and
attachments; the old address answers 301. A state file remembers each article's
fingerprint so a second run continues where the first stopped and skips what is
unchanged.
"""

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from news.legacy.fetch import IN_FLIGHT, FetchError, decode_page
from news.legacy.html_page import HtmlPage
from news.legacy.images import ImageFinder
from news.legacy.reader import read_page
from news.legacy.record import UnreadableFile, describe, normalise_url
from news.legacy.site_links import listing_links
from news.legacy.template import SiteTemplate

MAX_LISTING_PAGES = 2000  # a pagination that never ends is a trap, not a column
BATCH = IN_FLIGHT * 2  # articles fetched before --limit is looked at again


def sha1(data):
    return hashlib.sha1(data).hexdigest()


def folder(path):
    return path.rsplit("/", 1)[0]


class State:
    """What earlier runs did, per article address; saved after each article."""

    def __init__(self, path, write=True):
        self.path, self.write = Path(path), write
        self.pages = self.path.with_name(self.path.name + ".pages")  # for the template
        try:
            self.articles = json.loads(self.path.read_text(encoding="utf-8"))["articles"]
        except (OSError, ValueError, KeyError, TypeError):
            self.articles = {}

    def cached(self, url):
        try:
            return (self.pages / f"{sha1(url.encode())}.html").read_bytes()
        except OSError:
            return None

    def remember(self, url, data=None, **entry):
        self.articles[url] = entry
        if not self.write:
            return
        if data is not None:
            self.pages.mkdir(parents=True, exist_ok=True)
            (self.pages / f"{sha1(url.encode())}.html").write_bytes(data)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(
            json.dumps({"articles": self.articles}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        os.replace(temporary, self.path)  # never a half-written state file


@dataclass
class Page:
    url: str  # as linked from the listing
    data: bytes = b""
    final_url: str = ""
    etag: str = ""
    modified: str = ""
    unchanged: bool = False
    text: str = ""


@dataclass
class Summary:
    listings: int = 0
    links: int = 0  # article links found in the listings
    not_followed: int = 0


class RemoteFiles(ImageFinder):
    """The pictures and attachments of a fetched page, fetched from the old site."""

    def __init__(self, fetcher, page_url):
        super().__init__(".", ".", fetcher.hosts)
        self.fetcher, self.page_url = fetcher, page_url

    def download(self, src, what):
        url = urljoin(self.page_url, src.strip())
        if urlsplit(url).scheme not in {"http", "https"} or not self.fetcher.allowed_host(url):
            self.warnings.append(f"{what}未导入（外部网址，不下载）：{url}")
            return url, None
        try:
            return url, self.fetcher.get(url).data
        except FetchError as error:
            self.warnings.append(f"{what}未导入（{error}）：{url}")
            return url, None

    def load(self, src):
        if not (src or "").strip() or src.strip().startswith("data:"):
            return super().load(src)
        url, data = self.download(src, "图片")
        stem = PurePosixPath(unquote(urlsplit(url).path)).stem or "image"
        return None if data is None else self.checked(data, stem, url)

    def attachment(self, href, label):
        url, data = self.download(href, "附件")
        name = PurePosixPath(unquote(urlsplit(url).path)).name
        return None if data is None else self.checked_attachment(data, name, label, url)


class Crawl:
    def __init__(self, start, fetcher, importer, state, report, limit=None, progress=None):
        self.start, self.fetcher, self.importer, self.state = start, fetcher, importer, state
        self.report, self.limit, self.progress = report, limit, progress
        self.summary = Summary()

    def run(self):
        articles = self.find_articles()
        self.summary.links = len(articles)
        pages = self.fetch_articles(articles)
        template = SiteTemplate.learn([page.text for page in pages if page.text])
        for page in pages:
            if not page.unchanged:
                self.import_page(page, template)
        return self.summary

    def in_column(self, url):
        """The listing's own pages: on the start host, in the start page's folder."""
        start, other = urlsplit(self.start), urlsplit(url)
        return other.netloc == start.netloc and folder(other.path) == folder(start.path)

    def find_articles(self):
        queue, seen, articles = [self.start], {self.start}, {}
        while queue and self.summary.listings < MAX_LISTING_PAGES:
            url = queue.pop(0)
            try:
                fetched = self.fetcher.get(url)
                pages, links = listing_links(fetched.text, fetched.url)
            except (FetchError, UnreadableFile) as error:
                self.not_followed(url, error)
                continue
            self.summary.listings += 1
            for page in pages:
                if page not in seen and self.in_column(page):
                    seen.add(page)
                    queue.append(page)
            for link in links:
                articles.setdefault(link, None)
        return list(articles)

    def not_followed(self, url, reason):
        self.summary.not_followed += 1
        self.report("link", f"{url}: {reason}")

    def fetch_articles(self, urls):
        """The pages to learn from and import, fetching at most --limit new or changed ones."""
        pages, wanted = [], 0
        if self.progress:
            self.progress.reset(total=len(urls))
        with ThreadPoolExecutor(IN_FLIGHT) as pool:
            for at in range(0, len(urls), BATCH):
                if self.limit is not None and wanted >= self.limit:
                    break
                batch = urls[at : at + BATCH]
                for url, page in zip(batch, pool.map(self.fetch, batch), strict=True):
                    if self.progress:
                        self.progress.update()
                    if isinstance(page, Exception):
                        self.fail_or_skip(url, page)
                    elif page.unchanged:
                        self.report("skipped", f"{page.url}  (unchanged)")
                        pages.append(page)
                    elif self.limit is None or wanted < self.limit:
                        wanted += 1
                        pages.append(page)
        return pages

    def fail_or_skip(self, url, error):
        if str(error).startswith(("robots.txt", "其他网站")):
            self.not_followed(url, error)
        else:
            self.report("failed", f"{url}: {error}")

    def fetch(self, url):
        """A `Page`, or the exception that prevented it (raised in a worker thread)."""
        known = self.state.articles.get(url, {})
        done = known.get("done", False)
        try:
            conditions = {"etag": known.get("etag", ""), "modified": known.get("modified", "")}
            fetched = self.fetcher.get(url, **(conditions if done else {}))
            cached = self.state.cached(url) if done else None
            if fetched.not_modified and cached is None:
                fetched = self.fetcher.get(url)  # the copy to learn from is gone
            data = cached if fetched.not_modified else fetched.data
            page = Page(
                url=url,
                data=data,
                final_url=fetched.url,
                etag=fetched.headers.get("etag", ""),
                modified=fetched.headers.get("last-modified", ""),
                unchanged=done and sha1(data) == known.get("sha1"),
            )
            page.text = decode_page(data, fetched.headers)
        except (FetchError, UnreadableFile) as error:
            return error
        return page

    def import_page(self, page, template):
        urls = [normalise_url(page.url), normalise_url(page.final_url)]
        try:
            html = HtmlPage(page.text)
            files = RemoteFiles(self.fetcher, page.final_url)
            article = read_page(html, html.old_urls() + urls, files, template)
            outcome = self.importer.run(article)
        except (UnreadableFile, ValidationError, DatabaseError, OSError, ValueError) as error:
            self.report("failed", f"{page.url}: {describe(error)}")
            self.state.remember(page.url, sha1=sha1(page.data), done=False, reason=describe(error))
            return
        self.report(outcome.action, (page.url, article, outcome))
        self.state.remember(
            page.url,
            page.data,
            sha1=sha1(page.data),
            etag=page.etag,
            modified=page.modified,
            done=True,
        )

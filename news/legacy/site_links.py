"""What a column listing of an old site links to: its other pages, and its articles."""

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from news.legacy.chinese import CJK
from news.legacy.html_text import squeeze
from news.legacy.layout import is_chrome

# Pagination as old CMSs write it: list_12_3.html, index_2.html, ?page=3, &pageno=3, _3.html.
PAGE_HREF = re.compile(
    r"(?:list[_-]\d+[_-]\d+|index[_-]\d+|list[_-]\d+)\.s?html?$|[?&](?:page|pageno|pagenum|p|pn|pageindex)=\d+",
    re.I,
)
PAGE_TEXT = re.compile(r"^(?:下一页|下页|后页|尾页|末页|\d{1,4}|\[\d{1,4}\]|›|»|>|>>|next)$", re.I)
TITLE_CHARS = 6  # an article link shows its title; menu items are shorter
CJK_RUN = re.compile(f"[{CJK}]")
NOT_PAGES = re.compile(r"\.(?:jpe?g|png|gif|bmp|pdf|docx?|xlsx?|zip|rar|wps|ofd|mp4|mp3)$", re.I)


def clean(url):
    return urldefrag(url)[0]


def listing_links(content, url):
    """(listing pages, article pages) linked from the listing page at `url`, in order."""
    soup = BeautifulSoup(content, "html.parser")
    pages, articles = [], []
    for link in soup.find_all("a", href=True):
        href = link["href"].strip()
        if href.lower().startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        target = clean(urljoin(url, href))
        if urlsplit(target).scheme not in {"http", "https"} or NOT_PAGES.search(target):
            continue
        text = squeeze(link.get_text(" ")) or squeeze(link.get("title", ""))
        if PAGE_HREF.search(target) or PAGE_TEXT.match(text):
            pages.append(target)
        elif len(CJK_RUN.findall(text)) >= TITLE_CHARS and not is_chrome(text):
            articles.append(target)
    pages = unique(pages, url)
    return pages, [link for link in unique(articles, url) if link not in pages]


def unique(urls, own):
    return [found for found in dict.fromkeys(urls) if found != clean(own)]

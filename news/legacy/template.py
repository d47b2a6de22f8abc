"""The old site's template, learnt from several of its pages at once.

Whatever a site prints on most of its pages (menus, 当前位置, share bars,
打印本页/关闭窗口, copyright and contact lines) is its chrome, whatever words it
uses; what varies from page to page is the articles. Lines are compared with
their digits folded, so a footer's year or a page's view count does not make
it look new. A sentence (ending in 。！？) is never taken for chrome.
"""

import math
import re
from collections import Counter

from bs4 import BeautifulSoup

from news.legacy.chinese import BLANKS
from news.legacy.html_text import BLOCK, Renderer, strip_junk

DIGITS = re.compile(r"\d+")
# A line on at least this share of the site's pages (and on two at least) is chrome: low
# enough for a site that changed its CMS once (two layouts), high enough that the
# articles' own lines never reach it.
SHARE = 0.3
# A sentence is the articles' even when many share it: a notice's "特此通知。"
SENTENCE = re.compile(r"[。！？]$")
LONGEST = 2000  # longer blocks are article wrappers, never chrome worth remembering


def text_key(text):
    return DIGITS.sub("#", BLANKS.sub("", text))


class SiteTemplate:
    """Counts, for each line and block text, on how many of the site's pages it is."""

    def __init__(self, pages=()):
        self.pages = len(pages)
        self.counts = Counter(key for keys in pages for key in keys)
        self.threshold = max(2, math.ceil(self.pages * SHARE))

    @classmethod
    def learn(cls, contents):
        """From the decoded HTML of several pages of one site."""
        return cls([page_keys(content) for content in contents])

    def seen_on(self, text):
        """On how many pages `text` recurs when that makes it chrome, else 0."""
        key = text_key(text)
        if not key or len(key) > LONGEST or SENTENCE.search(key):
            return 0
        count = self.counts.get(key, 0)
        return count if count >= self.threshold else 0

    def share(self, count):
        return f"{count}/{self.pages}"


SINGLE_PAGE = SiteTemplate()


def page_keys(content):
    """The page's block texts and lines, each once."""
    soup = BeautifulSoup(content, "html.parser")
    strip_junk(soup)
    keys = {text_key(tag.get_text()) for tag in soup.find_all(BLOCK)}
    keys |= {text_key(line) for _, line in Renderer(None, None, None).render(soup)}
    keys.discard("")
    return {key for key in keys if len(key) <= LONGEST}

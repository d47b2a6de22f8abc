"""What the reader asked for (query, filters, order) and the search that answers it."""

import contextlib
import datetime
import unicodedata
from dataclasses import dataclass

from django import forms
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsCategoryPage, NewsPage, NoticePage
from policies.models import PolicyDocumentPage
from portal.core.segmentation import words
from portal.site.search import counting, dated, ranked_index
from zones.models import ZonePage

MAX_QUERY_LENGTH = 100
RANKED_AT_MOST = 200
TYPES = {
    "news": (NewsPage,),
    "notice": (NoticePage,),
    "policy": (PolicyDocumentPage,),
    "zone": (ZonePage,),
}
TYPE_CHOICES = [
    ("", "全部"),
    ("news", "新闻"),
    ("notice", "通知公告"),
    ("policy", "政策法规"),
    ("zone", "开发区"),
]
SORT_CHOICES = [("", "按相关度"), ("date", "按时间")]
# Dates a search can filter on: 9999-12-31 plus a day, or year 1 in UTC, overflows.
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
OUT_OF_RANGE = f"日期须在 {EARLIEST:%Y年%m月%d日} 至 {LATEST:%Y年%m月%d日} 之间"


def clean_query(text):
    """The query without control characters (NUL breaks PostgreSQL), trimmed and capped."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def in_range(day):
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(OUT_OF_RANGE, code="out_of_range")


class SearchForm(forms.Form):
    """The search parameters; a bad one is reported and ignored, never a 500."""

    q = forms.CharField(required=False)
    type = forms.ChoiceField(label="类型", choices=TYPE_CHOICES, required=False)
    column = forms.TypedChoiceField(label="栏目", coerce=int, required=False, empty_value=None)
    start = forms.DateField(label="起始日期", required=False, validators=[in_range])
    end = forms.DateField(label="截止日期", required=False, validators=[in_range])
    sort = forms.ChoiceField(label="排序", choices=SORT_CHOICES, required=False)

    def __init__(self, data, site):
        super().__init__(data)
        columns = NewsCategoryPage.objects.live().public()
        if site is not None:
            columns = columns.descendant_of(site.root_page)
        self.columns = {page.pk: page for page in columns.order_by("path")}
        self.fields["column"].choices = [("", "全部栏目")] + [
            (pk, page.title) for pk, page in self.columns.items()
        ]

    def value(self, name):
        """The cleaned value, or None when it was missing or invalid."""
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None

    @property
    def problems(self):
        return [
            f"{self.fields[name].label}：{errors[0].rstrip('。.')}，已忽略此条件。"
            for name, errors in self.errors.items()
            if name in self.fields
        ]

    @property
    def query(self):
        return clean_query(self.data.get("q", ""))


def day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_pages(form, site):
    """Live, public articles, notices, policy documents and zone profiles matching the filters."""
    pages = Page.objects.live().public().descendant_of(site.root_page)
    pages = pages.type(*TYPES.get(form.value("type"), sum(TYPES.values(), ())))
    if column := form.columns.get(form.value("column")):
        pages = pages.descendant_of(column)
    since, before = published_between(form)
    if since:
        pages = pages.filter(first_published_at__gte=since)
    if before:
        pages = pages.filter(first_published_at__lt=before)
    return pages


def published_between(form):
    """The moments the dates asked for begin and end (either None when not asked for)."""
    start, end = form.value("start"), form.value("end")
    since = day_start(start) if start else None
    before = day_start(end + datetime.timedelta(days=1)) if end else None
    return since, before


@dataclass
class Found:
    """The answer to a search: the ordered results, the words they match, whether all
    words (\"and\") or any (\"or\") had to match, how many pages match in all (estimated
    past COUNTED_UP_TO), how many of them the result pages list (known without counting
    them again), and why fewer than all are listed: only the newest RANKED_AT_MOST ranked
    by relevance, only the newest COUNTED_UP_TO listed by date past an estimate."""

    results: object
    words: list
    operator: str | None = None
    total: int = 0
    total_estimated: bool = False
    listed: int = 0
    ranked_newest_only: bool = False
    listed_newest_only: bool = False


def run_search(form, site):
    """All words must match; any word when no page matches all of them."""
    query_words = words(form.query)
    if not query_words or site is None:
        return Found(Page.objects.none(), query_words)
    pages = filtered_pages(form, site)
    found = match(pages, query_words, "and", form)
    if found.total or len(query_words) == 1:
        return found
    return match(pages, distinctive(query_words), "or", form)


def match(pages, query_words, operator, form):
    text = " ".join(query_words)
    by_date = pages.order_by("-first_published_at", "-id").search(
        text, operator=operator, order_by_relevance=False
    )
    entries = dated.matches(pages, text, operator)
    count = counting.count_matches(by_date if entries is None else entries)
    found = Found(by_date, query_words, operator, count.number, count.estimated, count.number)
    # Pages of an estimate would end early or empty: past it, the first COUNTED_UP_TO are
    # listed, and a reader after the rest narrows the dates.
    if count.estimated:
        found.listed = counting.COUNTED_UP_TO
    if form.value("sort") == "date":
        found.results, found.listed_newest_only = by_date[: found.listed], count.estimated
        return found
    if count.number <= RANKED_AT_MOST or (ranked_index.available() and not count.estimated):
        found.results = pages.search(text, operator=operator)
        return found
    # Ranking reads every match's whole index entry: with a word found in most articles
    # that is most of the index. The RUM index ranks from the index alone, but scores
    # every match before returning the first (0.2 s for 9,500 matches at 10,000
    # articles), so it ranks all the matches only when they were counted. Past that,
    # rank the newest matches only (one indexed, unranked query for their ids); a reader
    # after older ones sorts by date or narrows the dates. (How the newest are found:
    # portal.site.search.dated.)
    ids = dated.newest_ids(pages, text, operator, RANKED_AT_MOST, *published_between(form))
    # Ids only: the pages shown are fetched again as their specific types (views.annotated),
    # and 200 whole pages were a fifth of the view's time under cProfile (10,000 articles).
    newest = pages.only("id").filter(pk__in=ids)
    with ranked_index.set_aside():  # ranked here, in full: the RUM index would rank them all
        found.results = list(newest.search(text, operator=operator))
    found.listed, found.ranked_newest_only = len(ids), True
    return found


@contextlib.contextmanager
def text_index_preferred():
    """PostgreSQL prices matching `title || body` as cheap, so for a common word it reads
    every index entry (290 ms at 10,000 articles) rather than the GIN index on that
    expression (35 ms; migration portal_search 0002). Within a search, a sequential scan
    is its last resort."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def distinctive(query_words):
    """The words worth matching alone: a single Chinese character (的, 不) matches everything."""
    kept = [word for word in query_words if len(word) > 1 or word.isascii()]
    return kept or query_words

"""The figures of the daily aggregate over a range of days, for the whole site, a column
or one article: each a fixed, small number of queries however many days or pages.

A scope is None (the site) or a page: a page's figures include the pages below it, so a
column's are its articles'. Days without a row count zero.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Substr
from wagtail.models import Page

from news.statistics.models import DailyView, Device


@dataclass(frozen=True)
class Period:
    """The days from start to end, both included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last(cls, days, today):
        return cls(today - datetime.timedelta(days=days - 1), today)

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def each_day(self):
        return [self.start + datetime.timedelta(days=n) for n in range(self.days)]


def site_views(start, end):
    """How many views the site counted from start to end (dates, both included)."""
    return total(Period(start, end))


def rows(period, scope=None):
    found = DailyView.objects.filter(day__range=(period.start, period.end))
    if scope is not None:
        found = found.filter(page__path__startswith=scope.path)
    return found


def total(period, scope=None):
    return rows(period, scope).aggregate(views=Sum("views"))["views"] or 0


def per_day(period, scope=None):
    """[(day, views)] for every day of the period, zero where nothing was counted."""
    counted = dict(rows(period, scope).values_list("day").annotate(views=Sum("views")).order_by())
    return [(day, counted.get(day, 0)) for day in period.each_day()]


@dataclass
class Ranked:
    page_id: int
    page: Page | None  # None once the page was deleted
    views: int

    @property
    def title(self):
        return self.page.title if self.page else f"已删除的页面（{self.page_id}）"


def most_read(period, limit=10, scope=None):
    """The pages with the most views in the period, most first (ties by id)."""
    top = list(
        rows(period, scope)
        .values_list("page_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "page_id")[:limit]
    )
    pages = Page.objects.in_bulk([page_id for page_id, _ in top])
    return [Ranked(page_id, pages.get(page_id), views) for page_id, views in top]


def per_column(period, columns):
    """[(column, views)] for the given column pages, in their order: one query per
    depth the columns are at (one on an ordinary site)."""
    views = {}
    for depth in {column.depth for column in columns}:
        length = depth * Page.steplen
        views.update(
            rows(period)
            .filter(page__depth__gt=depth)
            .annotate(column_path=Substr("page__path", 1, length))
            .values_list("column_path")
            .annotate(views=Sum("views"))
            .order_by()
        )
    return [(column, views.get(column.path, 0)) for column in columns]


def referrers(period, scope=None, limit=20):
    """[(domain, views)], most first; "" is a direct visit."""
    return list(
        rows(period, scope)
        .values_list("referrer")
        .annotate(views=Sum("views"))
        .order_by("-views", "referrer")[:limit]
    )


def devices(period, scope=None):
    """[(Device, views)] for every class, unknown last."""
    counted = dict(
        rows(period, scope).values_list("device").annotate(views=Sum("views")).order_by()
    )
    order = [Device.PHONE, Device.COMPUTER, Device.TABLET, Device.UNKNOWN]
    return [(device, counted.get(device.value, 0)) for device in order]

"""Columns (栏目) and how long each may go without new content.

A column is a news column, the 通知公告 list, the 政策法规库 or the home page. Its type
(动态, 通知公告, 政策, 首页) comes from its page type, a news column's from its title, unless
an editor set another in 栏目更新周期; its interval from its type, unless set there too.
Its last update is the newest first publication of a live page below it (the home page:
anywhere on the site), so a republished old article does not count as news.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from wagtail.models import Page

from news.models import NewsCategoryPage, NoticeIndexPage
from policies.models import PolicyLibraryPage
from portal.site.health.models import ColumnKind, ColumnSchedule
from portal.site.models import HomePage

COLUMN_TYPES = (HomePage, NewsCategoryPage, NoticeIndexPage, PolicyLibraryPage)
KIND_OF_TYPE = {
    HomePage: ColumnKind.HOME,
    NoticeIndexPage: ColumnKind.NOTICE,
    PolicyLibraryPage: ColumnKind.POLICY,
}
# Words in a news column's title that make it a 通知 or 政策 column (政策解读, 公告通知…).
KIND_OF_TITLE_WORDS = (
    (("通知", "公告"), ColumnKind.NOTICE),
    (("政策", "法规"), ColumnKind.POLICY),
)


def default_kind(page_class, title):
    if page_class in KIND_OF_TYPE:
        return KIND_OF_TYPE[page_class]
    for words, kind in KIND_OF_TITLE_WORDS:
        if any(word in title for word in words):
            return kind
    return ColumnKind.DYNAMIC


def default_interval_days(kind):
    if kind in (ColumnKind.DYNAMIC, ColumnKind.HOME):
        return settings.SITE_HEALTH_DYNAMIC_DAYS
    return settings.SITE_HEALTH_NOTICE_DAYS


@dataclass
class ColumnState:
    page: Page
    kind: str
    interval_days: int
    latest: datetime.datetime | None  # the newest first publication below it

    @property
    def kind_label(self):
        return ColumnKind(self.kind).label

    @property
    def is_empty(self):
        return self.latest is None

    def days_since_update(self, now):
        return (now - self.latest).days

    def is_stale(self, now):
        return self.latest is not None and self.days_since_update(now) >= self.interval_days


def column_states(now):
    """Every live column with its type, interval and last update, in tree order: two
    queries however many columns and pages there are."""
    newest = (
        Page.objects.filter(
            live=True,
            path__startswith=OuterRef("path"),
            depth__gt=OuterRef("depth"),
            first_published_at__lte=now,
        )
        .order_by("-first_published_at")
        .values("first_published_at")[:1]
    )
    types = ContentType.objects.get_for_models(*COLUMN_TYPES).values()
    columns = list(
        Page.objects.live()
        .filter(content_type__in=types)
        .annotate(latest=Subquery(newest))
        .order_by("path")
    )
    schedules = {
        schedule.page_id: schedule
        for schedule in ColumnSchedule.objects.filter(page__in=[c.pk for c in columns])
    }
    states = []
    for column in columns:
        schedule = schedules.get(column.pk)
        kind = (schedule and schedule.kind) or default_kind(column.specific_class, column.title)
        days = (schedule and schedule.interval_days) or default_interval_days(kind)
        states.append(ColumnState(column, kind, days, column.latest))
    return states

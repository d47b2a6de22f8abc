"""The tables of the statistics screen, each with its chart, for a period and scope: the
same rows are shown on the screen and written to the CSV/XLSX download.

Each builder takes the period, the scope (None for the site) and today, runs a fixed
number of queries, and returns a Table.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from news.models import NewsCategoryPage
from news.statistics import figures
from news.statistics.models import Device
from portal.core import charts
from portal.site.statistics import searches

DEVICE_CSS = {
    Device.PHONE: "chart-bar chart-phone",
    Device.COMPUTER: "chart-bar chart-computer",
    Device.TABLET: "chart-bar chart-tablet",
    Device.UNKNOWN: "chart-bar chart-unknown",
}


def long_date(day):
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def short_date(day):
    return f"{day.month:02d}月{day.day:02d}日"


@dataclass
class Table:
    name: str
    title: str
    headers: list
    rows: list  # lists of cells: text or numbers
    chart: charts.Chart | None = None
    chart_kind: str = "bars"
    links: list = field(default_factory=list)  # per row: the URL of its own figures, or ""

    @property
    def entries(self):
        """(row, link) for each row; the link to the row's own figures may be ""."""
        return [
            (row, self.links[n] if n < len(self.links) else "") for n, row in enumerate(self.rows)
        ]


def scope_link(page_id):
    return f"{reverse('statistics')}?page={page_id}"


def per_day(period, scope, today):
    points = figures.per_day(period, scope)
    chart = charts.columns("每日访问量", [(short_date(day), views) for day, views in points])
    rows = [[long_date(day), views] for day, views in points]
    return Table("daily", "每日访问量", ["日期", "访问量"], rows, chart, "columns")


def columns(period, scope, today):
    listed = list(NewsCategoryPage.objects.live().order_by("path").only("title", "path", "depth"))
    counted = sorted(figures.per_column(period, listed), key=lambda pair: -pair[1])
    rows = [[column.title, views] for column, views in counted]
    chart = charts.bars("各栏目访问量", [(column.title, views) for column, views in counted])
    links = [scope_link(column.pk) for column, _ in counted]
    return Table("columns", "各栏目访问量", ["栏目", "访问量"], rows, chart, links=links)


def ranked(name, title, period, scope, limit=20):
    top = figures.most_read(period, limit=limit, scope=scope)
    chart = charts.bars(title, [(entry.title, entry.views) for entry in top])
    rows = [[entry.title, entry.views] for entry in top]
    links = [scope_link(entry.page_id) if entry.page else "" for entry in top]
    return Table(name, title, ["文章", "访问量"], rows, chart, links=links)


def articles(period, scope, today):
    return ranked("articles", "各文章访问量", period, scope, limit=50)


def week(period, scope, today):
    return ranked("week", "本周阅读最多（最近7天）", figures.Period.last(7, today), scope, 10)


def month(period, scope, today):
    return ranked("month", "本月阅读最多（最近30天）", figures.Period.last(30, today), scope, 10)


def referrers(period, scope, today):
    counted = [
        (shown_domain(domain) if domain else "直接访问", views)
        for domain, views in figures.referrers(period, scope)
    ]
    chart = charts.bars("来源网站", counted)
    return Table("referrers", "来源网站", ["来源网站", "访问量"], [list(r) for r in counted], chart)


def shown_domain(domain):
    """A domain as readers know it (例子.中国, not its xn-- form)."""
    try:
        return domain.encode("ascii").decode("idna")
    except UnicodeError:
        return domain


def devices(period, scope, today):
    counted = figures.devices(period, scope)
    whole = sum(views for _, views in counted) or 1
    chart = charts.bars("手机与电脑", [(d.label, v, DEVICE_CSS[d]) for d, v in counted])
    rows = [[device.label, views, f"{views / whole:.1%}"] for device, views in counted]
    return Table("devices", "手机与电脑", ["设备", "访问量", "占比"], rows, chart)


def most_searched(period, scope, today):
    found = searches.most_searched(period)
    chart = charts.bars("搜索最多的词", [(query, count) for query, count, _ in found])
    rows = [[query, count, empty] for query, count, empty in found]
    return Table("searches", "搜索最多的词", ["搜索词", "搜索次数", "其中无结果"], rows, chart)


def found_nothing(period, scope, today):
    found = searches.found_nothing(period)
    chart = charts.bars("没有结果的搜索", found, css="chart-bar chart-empty")
    rows = [list(row) for row in found]
    return Table("unanswered", "没有结果的搜索", ["搜索词", "搜索次数"], rows, chart)


# What the screen shows, in order, by name (the name of the download too).
SITE_TABLES = {
    "daily": per_day,
    "columns": columns,
    "week": week,
    "month": month,
    "articles": articles,
    "referrers": referrers,
    "devices": devices,
    "searches": most_searched,
    "unanswered": found_nothing,
}
# For one column or article: its own days, articles, referrers and devices.
PAGE_TABLES = {name: SITE_TABLES[name] for name in ("daily", "articles", "referrers", "devices")}


def builders(scope):
    return SITE_TABLES if scope is None else PAGE_TABLES


def period_title(period):
    return f"{long_date(period.start)}至{long_date(period.end)}（{period.days} 天）"

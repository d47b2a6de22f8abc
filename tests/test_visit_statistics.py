"""访问统计: the daily aggregate of counted views (page, day, referrer domain, device),
searches per day, and the admin's statistics screens, downloads and an article's own
figures, with hits generated over several days on a controlled clock."""

import csv
import datetime
import io
import socket

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from news.models import PageViewCount
from news.statistics import figures
from news.statistics.models import DailyView
from news.statistics.recording import HOST_NAME, device_class, referrer_domain
from portal.caching.breaker import breaker
from portal.site.statistics.models import DailySearch
from tests import factories
from tests.helpers import SHANGHAI

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 19)


def at(day, hour=10):
    """The clock on that day in Beijing time, standing still."""
    moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)
    return time_machine.travel(moment, tick=False)


def days_before(days):
    return TODAY - datetime.timedelta(days=days)


def hit(client, page, ip, referrer="", device=""):
    return client.post(
        f"/hits/{page.pk}/",
        {"referrer": referrer, "device": device},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT="Mozilla/5.0",
    )


@pytest.fixture
def site(column, news_index):
    """Two columns, three articles; readers over three days: 18 March 2026 ("yesterday")
    and 19 March (today), and one visit 40 days before, outside the month."""
    other = factories.NewsCategoryPageFactory(parent=news_index, title="协会动态", slug="xie-hui")
    first = factories.NewsPageFactory(parent=column, title="园区一季度经济运行稳中向好")
    second = factories.NewsPageFactory(parent=column, title="招商引资再创新高")
    third = factories.NewsPageFactory(parent=other, title="协会召开年会")
    return {"columns": (column, other), "articles": (first, second, third)}


@pytest.fixture
def visits(client, site):
    """first: 5 views (3 yesterday, 2 today), second: 2 today, third: 1 forty days ago."""
    first, second, third = site["articles"]
    plan = [
        (days_before(1), first, "10.0.1.{}", 3, "www.baidu.com", "phone"),
        (TODAY, first, "10.0.2.{}", 2, "", "computer"),
        (TODAY, second, "10.0.3.{}", 2, "mp.weixin.qq.com", "tablet"),
        (days_before(40), third, "10.0.4.{}", 1, "", "phone"),
    ]
    for day, page, address, readers, referrer, device in plan:
        with at(day):
            for n in range(readers):
                assert hit(client, page, address.format(n), referrer, device).status_code == 200
    return site


def test_each_counted_view_goes_to_its_day_referrer_and_device(client, visits):
    first, second, third = visits["articles"]
    rows = set(DailyView.objects.values_list("page_id", "day", "referrer", "device", "views"))
    assert rows == {
        (first.pk, days_before(1), "baidu.com", "phone", 3),
        (first.pk, TODAY, "", "computer", 2),
        (second.pk, TODAY, "mp.weixin.qq.com", "tablet", 2),
        (third.pk, days_before(40), "", "phone", 1),
    }
    # The page's total and the aggregate agree.
    assert PageViewCount.for_page(first) == 5
    # A reader counted once a day is not counted again, in either.
    with at(TODAY):
        hit(client, first, "10.0.2.0", "", "computer")
    assert DailyView.objects.get(page=first, day=TODAY).views == 2


def test_a_day_without_views_is_zero_and_the_site_total_is_a_function(visits):
    week = figures.Period.last(7, TODAY)
    assert figures.per_day(week) == [(days_before(n), 0) for n in range(6, 1, -1)] + [
        (days_before(1), 3),
        (TODAY, 4),
    ]
    assert figures.site_views(days_before(40), TODAY) == 8
    assert figures.site_views(days_before(39), TODAY) == 7
    assert figures.site_views(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)) == 0


def test_deleting_an_article_keeps_the_sites_past_views(visits):
    visits["articles"][2].delete()
    assert figures.site_views(days_before(40), TODAY) == 8


def test_what_the_script_sends_is_reduced_to_a_domain_and_a_device_class(client, site):
    first = site["articles"][0]
    with at(TODAY):
        hit(client, first, "10.1.0.1", "https://evil.example/path?q=1", "Mozilla/5.0 (iPhone)")
        hit(client, first, "10.1.0.2", "例子.中国", "phone")
    rows = set(DailyView.objects.values_list("referrer", "device", "views"))
    assert rows == {("", "", 1), ("xn--fsqu00a.xn--fiqs8s", "phone", 1)}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(max_size=300))
@example("www.Example.COM.")
@example("a" * 64 + ".com")
@example("10.0.0.1:8080")
def test_any_referrer_becomes_a_host_name_or_nothing(text):
    domain = referrer_domain(text)
    assert domain == "" or (HOST_NAME.fullmatch(domain) and len(domain) <= 253)
    assert not set(domain) & set("/:@?#% ")


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.text(max_size=40))
def test_any_device_becomes_one_of_three_classes_or_unknown(text):
    assert device_class(text) in {"phone", "tablet", "computer", ""}


def test_searches_are_counted_per_day_found_or_not(client, column):
    factories.NewsPageFactory(parent=column, title="开发区招商政策解读")
    with at(TODAY):
        for query in ["招商", "招商 ", "火星基地", "招商"]:
            assert client.get("/search/", {"q": query}).status_code == 200
        client.get("/search/", {"q": "招商", "page": "2"})  # turning pages is no new search
        client.get("/search/", {"q": ""})
    rows = set(DailySearch.objects.values_list("day", "query", "found", "searches"))
    assert rows == {(TODAY, "招商", True, 3), (TODAY, "火星基地", False, 1)}


# The admin screens, as an editor.


def screen(client, **params):
    response = client.get("/admin/statistics/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table(soup, name):
    section = soup.find("section", id=name)
    return [
        [cell.get_text(strip=True) for cell in row.find_all("td")] for row in section.tbody("tr")
    ]


def test_an_editor_sees_the_sites_figures(client, editor, visits):
    client.force_login(editor)
    with at(TODAY, hour=15):
        soup = screen(client, days="7")
        searched = screen(client)  # the default: 30 days
    assert "2026年03月13日至2026年03月19日（7 天）" in soup.get_text()
    assert table(soup, "daily")[-2:] == [["2026年03月18日", "3"], ["2026年03月19日", "4"]]
    assert table(soup, "daily")[0] == ["2026年03月13日", "0"]
    assert table(soup, "columns") == [["省级开发区动态", "7"], ["协会动态", "0"]]
    assert table(soup, "week") == [["园区一季度经济运行稳中向好", "5"], ["招商引资再创新高", "2"]]
    assert table(soup, "referrers") == [
        ["baidu.com", "3"],
        ["直接访问", "2"],
        ["mp.weixin.qq.com", "2"],
    ]
    assert table(soup, "devices") == [
        ["手机", "3", "42.9%"],
        ["电脑", "2", "28.6%"],
        ["平板", "2", "28.6%"],
        ["未知", "0", "0.0%"],
    ]
    # Every table has its chart, drawn here: one bar per day of the period.
    daily = soup.find("section", id="daily").find("svg")
    assert len(daily.find_all("rect")) == 7
    assert "3" in daily.find_all("rect")[-2].title.text
    # The month's most read includes the article read 40 days ago only in a longer range.
    assert ["协会召开年会", "1"] not in table(searched, "month")
    with at(TODAY, hour=15):
        year = screen(client, days="365")
    assert ["协会召开年会", "1"] in table(year, "articles")
    assert table(year, "columns") == [["省级开发区动态", "7"], ["协会动态", "1"]]


def test_a_column_and_an_article_have_their_own_figures(client, editor, visits):
    column, _ = visits["columns"]
    first = visits["articles"][0]
    client.force_login(editor)
    with at(TODAY, hour=15):
        of_column = screen(client, days="7", page=str(column.pk))
        of_article = screen(client, days="7", page=str(first.pk))
    assert "正在查看：省级开发区动态" in of_column.get_text()
    assert table(of_column, "daily")[-2:] == [["2026年03月18日", "3"], ["2026年03月19日", "4"]]
    assert table(of_column, "articles") == [
        ["园区一季度经济运行稳中向好", "5"],
        ["招商引资再创新高", "2"],
    ]
    assert of_column.find("section", id="searches") is None
    assert table(of_article, "daily")[-2:] == [["2026年03月18日", "3"], ["2026年03月19日", "2"]]
    assert table(of_article, "referrers") == [["baidu.com", "3"], ["直接访问", "2"]]


def test_a_custom_range_of_dates(client, editor, visits):
    client.force_login(editor)
    with at(TODAY, hour=15):
        soup = screen(client, start="2026-03-18", end="2026-03-18")
    assert "2026年03月18日至2026年03月18日（1 天）" in soup.get_text()
    assert table(soup, "daily") == [["2026年03月18日", "3"]]


BAD_RANGES = [
    ({"start": "2026-03-19", "end": "2026-03-01"}, "开始日期不能晚于结束日期。"),
    ({"start": "2026-03-01"}, "请同时填写开始日期和结束日期。"),
    ({"start": "2026-03-01", "end": "2026-04-01"}, "结束日期不能晚于今天。"),
    ({"start": "1999-12-31", "end": "2000-01-31"}, "开始日期不能早于2000年01月01日。"),
    ({"start": "2020-01-01", "end": "2026-01-01"}, "日期范围最长 731 天。"),
    ({"page": "999999"}, "没有这个栏目或文章。"),
]


@pytest.mark.parametrize(("params", "message"), BAD_RANGES)
def test_a_bad_range_says_why_in_chinese_and_shows_the_default(client, editor, params, message):
    client.force_login(editor)
    with at(TODAY, hour=15):
        soup = screen(client, **params)
    alerts = " ".join(alert.get_text() for alert in soup.find_all(role="alert"))
    assert message in alerts
    assert "2026年02月18日至2026年03月19日（30 天）" in soup.get_text()


text_or_date = st.one_of(
    st.text(max_size=30), st.dates().map(str), st.integers(-(10**12), 10**12).map(str)
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(
        st.sampled_from(["days", "start", "end", "page", "export", "table"]), text_or_date
    )
)
def test_any_query_string_gives_the_screen_or_a_404_never_an_error(client, editor, column, params):
    client.force_login(editor)
    with at(TODAY, hour=15):
        response = client.get("/admin/statistics/", params)
    assert response.status_code in (200, 404)
    if response.status_code == 200 and "export" not in params:
        assert "访问统计" in response.content.decode()


def test_downloads_hold_the_tables_with_formulas_neutralised(client, editor, visits):
    client.force_login(editor)
    with at(TODAY, hour=15):
        client.get("/search/", {"q": "=HYPERLINK(1)"})
        daily = client.get("/admin/statistics/", {"days": "7", "export": "csv", "table": "daily"})
        searched = client.get(
            "/admin/statistics/", {"days": "7", "export": "xlsx", "table": "unanswered"}
        )
    assert daily["Content-Disposition"] == (
        'attachment; filename="statistics-daily-20260313-20260319.csv"'
    )
    rows = list(csv.reader(io.StringIO(daily.content.decode("utf-8-sig"))))
    assert rows[0] == ["日期", "访问量"] and rows[-1] == ["2026年03月19日", "4"] and len(rows) == 8
    sheet = openpyxl.load_workbook(io.BytesIO(searched.content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[1:] == [["搜索词", "搜索次数"], ["'=hyperlink(1)", 1]]
    assert "没有结果的搜索" in cells[0][0]


def test_contributors_are_refused_and_see_no_menu_item(client, contributor, editor, visits):
    client.force_login(contributor)
    assert client.get("/admin/statistics/").status_code in (302, 403)
    # The sidebar's menu is JSON in the page (its labels escaped): look for the address.
    assert "/admin/statistics/" not in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert "/admin/statistics/" in client.get("/admin/").content.decode()


def test_an_articles_edit_view_shows_its_own_figures(client, editor, visits):
    first = visits["articles"][0]
    client.force_login(editor)
    with at(TODAY, hour=15):
        response = client.get(f"/admin/pages/{first.pk}/edit/")
    panel = BeautifulSoup(response.content, "html.parser").find(class_="stats-panel")
    figures_shown = dict(
        zip(
            [term.get_text() for term in panel.find_all("dt")],
            [value.get_text() for value in panel.find_all("dd")],
            strict=True,
        )
    )
    assert figures_shown == {
        "最近 7 天": "5",
        "最近 30 天": "5",
        "最近 90 天": "5",
        "最近 365 天": "5",
    }
    assert panel.find("svg") and f"?page={first.pk}" in panel.a["href"]


def sql_of(client, **params):
    with CaptureQueriesContext(connection) as queries, at(TODAY, hour=15):
        assert client.get("/admin/statistics/", params).status_code == 200
    return len(queries)


def test_the_screens_queries_do_not_grow_with_days_or_pages(client, editor, visits, news_index):
    client.force_login(editor)
    sql_of(client)  # the first admin page of a session reads more (settings, site)
    few = sql_of(client, days="7"), sql_of(client, days="7", page=str(visits["articles"][0].pk))
    for n in range(5):
        column = factories.NewsCategoryPageFactory(parent=news_index, title=f"栏目{n}")
        for m in range(3):
            article = factories.NewsPageFactory(parent=column, title=f"文章{n}-{m}")
            for day in range(0, 300, 50):
                DailyView.objects.create(page=article, day=days_before(day), views=day + 1)
    many = sql_of(client, days="365"), sql_of(client, days="365", page=str(article.pk))
    assert many == few
    assert few[0] <= 30


def test_a_redis_outage_loses_none_of_the_counted_views(client, editor, visits):
    """With the shared cache unreachable, hits answer without an error and the figures kept
    in the database stay whole; counting goes on once Redis is back."""
    first = visits["articles"][0]
    kept = sorted(DailyView.objects.values_list("page_id", "day", "views"))
    dead_host = socket.socket()
    dead_host.bind(("127.0.0.1", 0))
    dead_host.listen(8)  # takes connections and never answers
    redis = {
        "BACKEND": "portal.caching.breaker.BreakerRedisCache",
        "LOCATION": f"redis://127.0.0.1:{dead_host.getsockname()[1]}/0",
        "OPTIONS": django_settings.REDIS_OPTIONS,
    }
    try:
        with override_settings(CACHES={"default": redis, "tags": redis}), at(TODAY):
            for n in range(3):
                assert hit(client, first, f"10.0.9.{n}").status_code < 500
            client.force_login(editor)
            assert client.get("/admin/statistics/").status_code == 200
    finally:
        dead_host.close()
        breaker.reset()
    now = sorted(DailyView.objects.values_list("page_id", "day", "views"))
    assert sum(v for *_, v in now) >= sum(v for *_, v in kept)
    assert {(p, d) for p, d, _ in kept} <= {(p, d) for p, d, _ in now}
    with at(TODAY):
        before = PageViewCount.for_page(first)
        assert hit(client, first, "10.0.9.200").status_code == 200
    assert PageViewCount.for_page(first) == before + 1

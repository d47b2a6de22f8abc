"""In Chromium: an editor opens 访问统计 and sees the charts the server drew, with their
tables, under the admin's strict styles (no inline style, no outside library)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from news.statistics.models import DailyView
from tests import factories
from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kai-fa-qu-2020-tong-ji"


@pytest.fixture
def visited(column):
    """Two articles read over the last 30 days, from three sites, on three devices."""
    today = timezone.localdate()
    first = factories.NewsPageFactory(parent=column, title="园区一季度经济运行稳中向好")
    second = factories.NewsPageFactory(parent=column, title="招商引资再创新高")
    for days in range(30):
        day = today - datetime.timedelta(days=days)
        DailyView.objects.create(
            page=first, day=day, referrer="baidu.com", device="phone", views=10 + days % 7
        )
        DailyView.objects.create(page=second, day=day, device="computer", views=days % 5)
    DailyView.objects.create(page=second, day=today, referrer="mp.weixin.qq.com", views=4)
    return first, second


def test_an_editor_reads_the_statistics_page(live_server, page, visited):
    get_user_model().objects.create_superuser("tongji", "tongji@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("tongji")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="访问统计").first.click()
    expect(page.get_by_role("heading", name="每日访问量")).to_be_visible()

    daily = page.locator("#daily svg")
    expect(daily.locator("rect")).to_have_count(30)
    # Coloured by the stylesheet, sized by the viewBox: a chart, not a blank box.
    box = daily.bounding_box()
    assert box["width"] > 400 and box["height"] > 100
    fill = daily.locator("rect").first.evaluate("bar => getComputedStyle(bar).fill")
    assert fill == "rgb(46, 111, 183)"
    phone = page.locator("#devices svg rect.chart-phone")
    assert phone.evaluate("bar => getComputedStyle(bar).fill") == "rgb(217, 130, 43)"
    expect(page.locator("#columns tbody")).to_contain_text("省级开发区动态")
    expect(page.locator("#referrers tbody")).to_contain_text("mp.weixin.qq.com")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "admin-statistics.png", full_page=True)
    for name in ("columns", "devices"):  # below the fold of the admin's scrolling pane
        page.locator(f"#{name}").screenshot(path=SHOTS / f"admin-statistics-{name}.png")

    page.get_by_role("link", name="最近 7 天").click()
    expect(daily.locator("rect")).to_have_count(7)
    page.locator("#id_start").fill("2030-01-02")
    page.locator("#id_end").fill("2030-01-01")
    page.get_by_role("button", name="查看").click()
    expect(page.get_by_role("alert")).to_contain_text("开始日期不能晚于结束日期。")

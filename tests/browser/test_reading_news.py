"""On a phone: home page, a column, its page 2, an article, and the view count goes up."""

import datetime

import pytest
from playwright.sync_api import expect

from news.models import PageViewCount
from tests import factories
from tests.helpers import SHANGHAI, SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_the_home_page_to_an_article_on_page_two(live_server, page, column):
    start = datetime.datetime(2020, 1, 1, 9, 0, tzinfo=SHANGHAI)
    articles = [
        factories.NewsPageFactory(
            parent=column,
            title=f"开发区动态第{n}篇",
            publish_time=start + datetime.timedelta(days=n),
        )
        for n in range(25)
    ]
    oldest = articles[0]
    PageViewCount.objects.create(page=oldest, count=41)

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/")
    page.locator("main").get_by_role("link", name="省级开发区动态").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("省级开发区动态")
    page.get_by_role("link", name="第2页").click()
    expect(page.locator(".page-current")).to_have_text("2")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-column-page-2.png", full_page=True)

    page.get_by_role("link", name=oldest.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(oldest.title)
    expect(page.locator(".view-count")).to_have_text("42")
    assert PageViewCount.for_page(oldest) == 42
    page.reload()
    # The same reader again the same day: counted once (news/readers.py).
    expect(page.locator(".view-count")).to_have_text("42")
    assert PageViewCount.for_page(oldest) == 42

"""A reader on a phone opens the site, uses the menu and reads an article."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.helpers import SHOTS

# The live server runs in another thread: the test data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(
        parent=column,
        title="重庆双桥经济开发区：“保姆式”贴心服务",
        source="重庆双桥经济开发区",
        authors="罗传莹 邹玉红",
    )


def test_menu_toggle_and_article_on_a_phone(live_server, page, article):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")

    menu = page.locator("#main-menu-list")
    toggle = page.get_by_role("button", name="打开菜单")
    expect(menu).to_be_hidden()
    toggle.click()
    expect(menu).to_be_visible()
    expect(page.get_by_role("button", name="收起菜单")).to_have_attribute("aria-expanded", "true")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-menu-open.png")

    page.get_by_role("link", name="资讯中心").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("资讯中心")
    page.get_by_role("link", name="省级开发区动态").first.click()
    page.get_by_role("link", name=article.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator(".article-meta")).to_contain_text("来源：重庆双桥经济开发区")
    expect(page.locator(".breadcrumb li")).to_have_text(
        ["首页", "资讯中心", "省级开发区动态", article.title]
    )
    page.screenshot(path=SHOTS / "phone-article.png", full_page=True)


def test_menu_is_a_row_on_a_desktop(live_server, page, news_index):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/news/")
    expect(page.get_by_role("button", name="打开菜单")).to_be_hidden()
    expect(page.locator("#main-menu-list")).to_be_visible()
    current = page.locator(".menu-item.is-current > a")
    expect(current).to_have_text("资讯中心")


def test_footer_links_are_big_enough_to_tap(live_server, page, home):
    from portal.site.models import SiteSettings

    SiteSettings.objects.create(
        site=home.get_site(),
        icp_number="京ICP备12345678号-1",
        police_number="京公网安备11010502030143号",
        email="xiehui@example.org",
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    links = page.locator(".footer-filings a, .footer-contact a")
    expect(links).to_have_count(3)
    for index in range(3):
        assert links.nth(index).bounding_box()["height"] >= 44

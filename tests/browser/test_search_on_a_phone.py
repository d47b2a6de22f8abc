"""A reader on a phone narrows a search: each label sits with its control, every control is
large enough to tap, and nothing runs off the screen, at 200 % zoom and in 长者模式 too."""

import pytest
from playwright.sync_api import expect

FIELDS = ("关键词", "类型", "栏目", "起始日期", "截止日期", "排序")
PHONE = {"width": 375, "height": 800}
# A 640 px wide window at 200 % zoom lays the page out in 320 CSS pixels.
ZOOMED = {"width": 320, "height": 480}


def check_the_form(page):
    for name in FIELDS:
        label = page.locator("label", has_text=name).bounding_box()
        control = page.get_by_label(name, exact=True).bounding_box()
        # The label directly above its own control, in the same column.
        assert 0 <= control["y"] - (label["y"] + label["height"]) <= 12, name
        assert abs(control["x"] - label["x"]) <= 2, name
        assert control["height"] >= 44, name
    assert page.get_by_role("button", name="搜索", exact=True).last.bounding_box()["height"] >= 44
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["phone", "200%"])
def test_the_search_filters_on_a_phone(demo_server, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(demo_server.url + "/search/?q=开发区")
    check_the_form(page)
    page.get_by_label("类型", exact=True).select_option(label="通知公告")
    page.get_by_role("button", name="搜索", exact=True).last.click()
    expect(page.get_by_label("类型", exact=True)).to_have_value("notice")


def test_the_search_filters_in_elder_mode(demo_server, page):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + "/search/?q=开发区")
    page.get_by_role("button", name="长者模式").click()
    expect(page.locator("html.elder")).to_have_count(1)
    check_the_form(page)

"""A reader without a mouse skips to the text, uses the menus and opens and closes pop-overs."""

import pytest
from playwright.sync_api import expect

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


def focused(page):
    return page.evaluate("document.activeElement.textContent.trim()")


def focus_ring(page):
    """Width of the outline drawn around the focused element, in pixels."""
    return page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth); })()"
    )


def tab_to(page, name, limit=80):
    """Press Tab until the element named `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == name:
            return
    raise AssertionError(f"{name} cannot be reached with Tab")


def test_skip_link_is_first_and_moves_to_the_text(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["文章"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_ring(page) >= 2
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the text, past the chrome
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_drop_down_menu_opens_on_focus_and_esc_closes_it(demo_server, page, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + "/")
    tab_to(page, "资讯中心")
    assert focus_ring(page) >= 2
    submenu = page.locator(".menu-item.has-children", has_text="资讯中心").locator(".submenu")
    expect(submenu).to_be_visible()
    page.keyboard.press("Tab")
    expect(submenu.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(submenu).to_be_hidden()
    expect(page.get_by_role("link", name="资讯中心", exact=True)).to_be_focused()
    page.keyboard.press("Tab")  # closed: Tab goes on to the next section
    expect(page.get_by_role("link", name="中国开发区", exact=True)).to_be_focused()
    page.keyboard.press("Shift+Tab")  # and back: it opens again
    expect(submenu).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("资讯中心")


def test_phone_menu_opens_with_the_keyboard(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + "/")
    tab_to(page, "打开菜单")
    page.keyboard.press("Enter")
    expect(page.locator("#main-menu-list")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="首页", exact=True)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#main-menu-list")).to_be_hidden()
    expect(page.get_by_role("button", name="打开菜单")).to_be_focused()


@pytest.mark.parametrize(
    "trigger, panel",
    [("收藏", "#pop-bookmark"), ("微信公众号", "#pop-wechat"), ("加入QQ交流群", "#pop-qq")],
)
def test_utility_bar_pop_overs_close_with_esc(demo_server, page, demo_site, trigger, panel):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + "/")
    tab_to(page, trigger)
    assert focus_ring(page) >= 2
    page.keyboard.press("Enter")
    expect(page.locator(panel)).to_be_visible()
    expect(page.get_by_role("button", name=trigger)).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(page.locator(panel)).to_be_hidden()
    expect(page.get_by_role("button", name=trigger)).to_be_focused()
    page.keyboard.press(" ")  # Space opens it too, as on any button
    expect(page.locator(panel)).to_be_visible()


def test_share_pop_over_and_font_switch_work_from_the_keyboard(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["文章"])
    tab_to(page, "大")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="大字号")).to_have_attribute("aria-pressed", "true")
    tab_to(page, "微信")
    page.keyboard.press("Enter")
    expect(page.locator("#share-wechat-pop")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#share-wechat-pop")).to_be_hidden()
    expect(page.get_by_role("button", name="微信", exact=True)).to_be_focused()

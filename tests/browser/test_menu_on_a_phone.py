"""On a 375 px phone the menu opens and closes with 打开菜单 / 收起菜单 and works by keyboard."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_tree(home, news_index, column):
    factories.NewsCategoryPageFactory(
        parent=news_index, title="国家级开发区动态", show_in_menus=True
    )
    services = factories.ServiceIndexPageFactory(parent=home, show_in_menus=True)
    factories.ServicePageFactory(parent=services, title="招商推介", show_in_menus=True)
    factories.SubmissionPageFactory(parent=home, show_in_menus=True)
    return factories.NewsPageFactory(parent=column, title="重庆双桥经济开发区贴心服务")


def focused(page):
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return [el.closest('#main-menu-list') !== null, el.textContent.trim()]; }"
    )


def test_menu_toggle_opens_and_closes_and_every_item_takes_the_keyboard(
    live_server, page, site_tree
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + site_tree.url)
    menu = page.locator("#main-menu-list")
    items = menu.locator("a")
    expected = items.all_text_contents()
    assert expected == [
        *["首页", "资讯中心", "省级开发区动态", "国家级开发区动态"],
        *["协会服务", "招商推介", "投稿"],
    ]

    # Closed: the menu is hidden and Tab passes over it.
    expect(menu).to_be_hidden()
    toggle = page.get_by_role("button", name="打开菜单")
    toggle.focus()
    page.keyboard.press("Tab")
    assert focused(page)[0] is False

    # Open with the keyboard, then Tab reaches every item in order.
    toggle.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    close = page.get_by_role("button", name="收起菜单")
    expect(close).to_have_attribute("aria-expanded", "true")
    reached = []
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
        inside, label = focused(page)
        if not inside:
            break
        reached.append(label)
    assert reached == expected
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-menu-keyboard.png")

    # Esc closes it and gives the focus back to the toggle; a tap opens and closes it.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(menu).to_be_visible()
    close.click()
    expect(menu).to_be_hidden()
    expect(page.get_by_role("button", name="打开菜单")).to_be_visible()


def test_current_section_is_marked_in_the_open_menu(live_server, page, site_tree):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + site_tree.url)
    page.get_by_role("button", name="打开菜单").click()
    current = page.locator("#main-menu-list a[aria-current]")
    expect(current).to_have_text(["资讯中心", "省级开发区动态"])


def test_desktop_drop_down_opens_on_keyboard_focus(live_server, page, site_tree):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    submenu = page.locator(".menu-item", has_text="协会服务").locator(".submenu")
    expect(submenu).to_be_hidden()
    page.get_by_role("link", name="协会服务").focus()
    expect(submenu).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="招商推介")).to_be_focused()
    page.screenshot(path=SHOTS / "desktop-drop-down.png")

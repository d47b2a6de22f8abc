"""长者模式 to the figures of the MIIT 适老化 guidance (read here as CSS px): main text ≥ 18 px
and larger in 长者模式, line spacing ≥ 1.3, touch targets ≥ 60 px in 长者模式 (44 px
otherwise), no floating layers, and a visible focus on every control."""

import pytest

PHONE = {"width": 375, "height": 800}
PAGES = ("首页", "栏目", "文章", "开发区目录", "开发区介绍", "搜索", "投稿", "留言")

# Controls a finger has to hit: everything but links inside running text, and check boxes,
# whose target is their label.
SMALL_TARGETS = """(least) => [...document.querySelectorAll(
    'button, input:not([type=hidden], [type=checkbox], [type=radio]), select, summary, '
    + '.utility-link, .menu-item > a, '
    + '.submenu a, main .card a, .pagination a, .notice-items a, .link-list a, .filter-actions a')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .filter(el => !el.closest('.visually-hidden, [hidden]'))
  .filter(el => el.getBoundingClientRect().height < least - 0.5)
  .map(el => el.outerHTML.slice(0, 70) + ' ' + el.getBoundingClientRect().height)"""

MAIN_TEXT_SIZES = """[...document.querySelectorAll(
    '.article-body p, .intro p, main .card > a, .search-result a, .zone-facts dd, .message-body')]
  .filter(el => el.getClientRects().length)
  .map(el => parseFloat(getComputedStyle(el).fontSize))"""

TIGHT_LINES = """[...document.querySelectorAll('body *')]
  .filter(el => el.getClientRects().length && [...el.childNodes].some(
    n => n.nodeType === 3 && n.nodeValue.trim()))
  .filter(el => { const s = getComputedStyle(el);
    return s.lineHeight !== 'normal' && parseFloat(s.lineHeight) / parseFloat(s.fontSize) < 1.3; })
  .map(el => el.outerHTML.slice(0, 60))"""

FLOATING = """[...document.querySelectorAll('body *')]
  .filter(el => ['fixed', 'absolute', 'sticky'].includes(getComputedStyle(el).position))
  .filter(el => { const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right > 0; })  // the skip link waits off-screen
  .map(el => el.outerHTML.slice(0, 60))"""


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder-mode"])
def test_text_and_touch_targets_meet_the_guidance(demo_server, page, demo_site, elder):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + "/")
    page.evaluate(f"localStorage.setItem('portal:elder', '{'on' if elder else 'off'}')")
    least_text, least_target = (20, 60) if elder else (18, 44)
    found = {}
    for name in PAGES:
        page.goto(demo_server.url + demo_site[name])
        problems = page.evaluate(SMALL_TARGETS, least_target)
        sizes = page.evaluate(MAIN_TEXT_SIZES)
        problems += [f"text of {size}px" for size in sizes if size < least_text]
        problems += [f"line spacing < 1.3: {el}" for el in page.evaluate(TIGHT_LINES)]
        if elder:
            problems += [f"floating: {el}" for el in page.evaluate(FLOATING)]
        if problems:
            found[name] = problems
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())


def test_in_elder_mode_panels_open_in_the_flow_and_focus_always_shows(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + "/")
    page.evaluate("localStorage.setItem('portal:elder', 'on')")
    page.goto(demo_server.url + demo_site["文章"])
    page.get_by_role("button", name="收藏").click()
    assert page.locator("#pop-bookmark").evaluate("el => getComputedStyle(el).position") == "static"
    unmarked = []
    for _ in range(40):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.outerHTML.slice(0, 60),"
            " s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 3]; })()"
        )
        if not ring[1]:
            unmarked.append(ring[0])
    assert not unmarked


def test_in_elder_mode_the_desktop_menu_opens_no_drop_down(demo_server, page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_server.url + "/")
    page.evaluate("localStorage.setItem('portal:elder', 'on')")
    page.goto(demo_server.url + demo_site["文章"])
    parents = page.locator(".menu-item.has-children > a")
    assert parents.count()
    for index in range(parents.count()):
        parents.nth(index).hover()
        assert not page.evaluate(FLOATING)
        parents.nth(index).focus()
        assert not page.evaluate(FLOATING)

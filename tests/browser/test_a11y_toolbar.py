"""A reader who sees or reads poorly opens the 无障碍 toolbar and has the page read aloud,
shown in very large type, in high contrast, zoomed to 200 % or as plain text.

Headless Chromium has no voices: fake_speech.js stands in for speechSynthesis, recording
what it is asked to say and firing the boundary events a voice fires.
"""

import pathlib
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import serious_violations
from tests.helpers import SHOTS

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
FAKE_SPEECH = (pathlib.Path(__file__).parent / "fake_speech.js").read_text()
MODES = {  # what the toolbar keeps in localStorage, as a reader who chose the mode has it
    "高对比度": {"portal:a11y:contrast": "on"},
    "纯文本": {"portal:a11y:text": "on"},
    "大鼠标": {"portal:a11y:cursor": "on"},
    "页面缩放200%": {"portal:a11y:zoom": "200"},
    "大字幕和十字线": {"portal:a11y:caption": "on", "portal:a11y:crosshair": "on"},
    "读屏": {"portal:a11y:speech": "on", "portal:a11y:open": "on"},
    "长者模式": {"portal:elder": "on", "portal:a11y:open": "on"},
}


def with_fake_speech(page, voices=True):
    if not voices:
        page.add_init_script("window.fakeSpeechWithoutVoices = true;")
    page.add_init_script(FAKE_SPEECH)


def choose(page, demo_server, stored):
    page.goto(demo_server.url + "/")
    for key, value in stored.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])


def open_toolbar(page):
    page.get_by_role("button", name="无障碍").click()
    toolbar = page.get_by_role("region", name="无障碍工具条")
    expect(toolbar).to_be_visible()
    return toolbar


def article_blocks(page):
    """The body's headings and paragraphs, in reading order."""
    return page.evaluate(
        "[...document.querySelectorAll('.article-body :is(h2, h3, h4, p)')]"
        ".map(p => p.textContent).filter(t => t.trim())"
    )


def test_the_article_is_read_aloud_in_chinese_sentence_by_sentence(demo_server, page, demo_site):
    with_fake_speech(page)
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + demo_site["文章"])
    switch = page.get_by_role("switch", name="朗读全文")
    expect(switch).to_have_attribute("aria-checked", "false")
    switch.click()
    expect(switch).to_have_attribute("aria-checked", "true")

    title = page.locator("h1").text_content()
    said = page.evaluate("fakeSpeech.said()")
    assert said == [{"text": title, "lang": "zh-CN", "rate": 1, "voice": "zh-CN"}]
    assert page.evaluate("fakeSpeech.highlighted()") == title

    blocks = article_blocks(page)
    # Up to the first paragraph of several sentences; a boundary event inside its second
    # sentence moves the highlight there.
    for block in blocks:
        page.evaluate("fakeSpeech.finish()")
        assert page.evaluate("fakeSpeech.current()") == block
        sentences = re.findall(r"[^。！？；]+[。！？；]*", block)
        if len(sentences) >= 2:
            break
    assert page.evaluate("fakeSpeech.highlighted()") == sentences[0]
    page.evaluate(f"fakeSpeech.boundary({len(sentences[0]) + 1})")
    assert page.evaluate("fakeSpeech.highlighted()") == sentences[1]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "desktop-article-read-aloud.png")

    while page.evaluate("fakeSpeech.current()"):
        page.evaluate("fakeSpeech.finish()")
    assert [entry["text"] for entry in page.evaluate("fakeSpeech.said()")] == [title, *blocks]
    expect(switch).to_have_attribute("aria-checked", "false")
    assert page.evaluate("fakeSpeech.highlighted()") is None


def test_reading_pauses_stops_and_changes_speed_from_the_toolbar(demo_server, page, demo_site):
    with_fake_speech(page)
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["文章"])
    toolbar = open_toolbar(page)
    toolbar.get_by_label("语速").select_option(label="快")
    toolbar.get_by_role("button", name="开始朗读").click()
    assert page.evaluate("fakeSpeech.said()")[0]["rate"] == 1.3
    toolbar.get_by_role("button", name="暂停").click()
    assert page.evaluate("speechSynthesis.paused")
    expect(toolbar.get_by_role("button", name="继续")).to_have_attribute("aria-pressed", "true")
    toolbar.get_by_role("button", name="继续").click()
    assert not page.evaluate("speechSynthesis.paused")
    toolbar.get_by_role("button", name="停止").click()
    assert page.evaluate("fakeSpeech.current()") is None
    expect(toolbar.locator("[data-a11y-status]")).to_have_text("已停止朗读。")

    page.reload()  # the speed is remembered
    expect(page.get_by_label("语速")).to_have_value("1.3")


def test_with_reading_on_the_focused_link_is_read(demo_server, page, demo_site):
    with_fake_speech(page)
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + demo_site["栏目"])
    open_toolbar(page).get_by_role("button", name="读屏").click()
    link = page.locator("main .card a").first
    link.focus()
    for _ in range(50):  # the read starts after a short pause (CSP rules out wait_for_function)
        if page.evaluate("fakeSpeech.said().length"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("fakeSpeech.said()")[-1]["text"] == link.text_content().strip()


def test_a_device_without_a_chinese_voice_is_told_so(demo_server, page, demo_site):
    with_fake_speech(page, voices=False)
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["文章"])
    page.get_by_role("switch", name="朗读全文").click()
    expect(page.locator(".article-meta").get_by_role("status")).to_contain_text(
        "本设备没有中文语音"
    )
    assert page.evaluate("fakeSpeech.said()") == []


def test_caption_and_crosshair_follow_the_pointer(demo_server, page, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + demo_site["文章"])
    toolbar = open_toolbar(page)
    toolbar.get_by_role("button", name="大字幕").click()
    toolbar.get_by_role("button", name="十字线").click()

    title = page.locator("h1")
    title.hover()
    caption = page.locator(".a11y-caption")
    expect(caption).to_have_text(title.text_content())
    assert float(caption.evaluate("el => getComputedStyle(el).fontSize")[:-2]) >= 36
    for x, y in [(300, 420), (640, 200)]:
        page.mouse.move(x, y)
        across = page.locator(".a11y-crosshair-x").bounding_box()
        down = page.locator(".a11y-crosshair-y").bounding_box()
        assert abs(across["y"] - y) <= 2 and across["width"] >= DESKTOP["width"] - 20
        assert abs(down["x"] - x) <= 2 and down["height"] >= DESKTOP["height"] - 20

    page.get_by_role("link", name="跳到正文").focus()  # keyboard focus shows up too
    expect(caption).to_have_text("跳到正文")
    page.screenshot(path=SHOTS / "desktop-caption-and-crosshair.png")


def luminance(rgb):
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg, bg):
    high, low = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_high_contrast_is_measured_on_the_page(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["文章"])
    open_toolbar(page).get_by_role("button", name="高对比度").click()
    for selector in ["h1", ".article-body p", ".breadcrumb a", ".utility-link", ".footer-info"]:
        fg, bg = page.locator(selector).first.evaluate(
            "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
        )
        assert contrast(fg, bg) >= 7, selector
    page.reload()  # remembered, and applied before the page is drawn
    assert page.evaluate("document.documentElement.classList.contains('a11y-contrast')")
    page.screenshot(path=SHOTS / "phone-article-high-contrast.png")


def test_zoom_to_200_percent_reflows_without_sideways_scrolling(demo_server, page, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + demo_site["开发区目录"])
    count = page.locator(".zone-count strong")  # a piece of text sized the same in every layout
    count_height = count.bounding_box()["height"]
    toolbar = open_toolbar(page)
    grow = toolbar.get_by_role("button", name="放大页面")
    for _ in range(4):
        grow.click()
    expect(toolbar.locator("output")).to_have_text("200%")
    expect(grow).to_be_disabled()
    assert 1.9 <= count.bounding_box()["height"] / count_height <= 2.1
    # At 200 % a 1280 px window lays out like a 640 px one: the phone's menu button.
    expect(page.get_by_role("button", name="打开菜单")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.screenshot(path=SHOTS / "desktop-zones-zoom-200.png")
    page.goto(demo_server.url + demo_site["文章"])
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.get_by_role("button", name="重置").click()  # the open toolbar is remembered too
    expect(page.locator("output.a11y-zoom")).to_have_text("100%")
    assert page.evaluate("localStorage.getItem('portal:a11y:zoom')") is None


def test_text_only_view_hides_pictures_and_columns(demo_server, page, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(demo_server.url + "/")
    open_toolbar(page).get_by_role("button", name="纯文本").click()
    assert page.evaluate(
        "[...document.querySelectorAll('main img')].every(i => !i.getBoundingClientRect().width)"
    )
    assert page.locator(".home-top").evaluate("el => getComputedStyle(el).display") == "block"
    page.screenshot(path=SHOTS / "desktop-home-text-only.png")


def test_the_toolbar_works_by_keyboard_alone(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + demo_site["栏目"])
    page.keyboard.press("Tab")  # 跳到正文
    page.keyboard.press("Tab")
    opener = page.get_by_role("button", name="无障碍")
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="读屏")).to_be_focused()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "高对比度":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.classList.contains('a11y-contrast')")
    page.keyboard.press("Escape")
    expect(page.locator("#a11y-toolbar")).to_be_hidden()
    expect(opener).to_be_focused()
    page.keyboard.press("Alt+Shift+A")  # the shortcut, from anywhere
    expect(page.get_by_role("button", name="读屏")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="读屏")).to_be_focused()


def test_the_html_is_the_same_whatever_the_reader_chose(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    url = demo_server.url + demo_site["文章"]
    plain = page.goto(url).text()
    choose(page, demo_server, {k: v for stored in MODES.values() for k, v in stored.items()})
    assert page.goto(url).text() == plain
    assert "{#" not in page.locator("body").inner_text()  # no template comment shows


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_problems_with_each_mode(demo_server, page, demo_site, mode):
    choose(page, demo_server, MODES[mode])
    found = {}
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        for name in ("首页", "文章", "开发区目录"):
            page.goto(demo_server.url + demo_site[name])
            problems = serious_violations(page)
            if problems:
                found[f"{name} {viewport['width']}"] = problems
    assert not found, found

"""An older reader turns on 长者模式 once; the site shows in grayscale on days of mourning."""

import datetime

from playwright.sync_api import expect
from wagtail.models import Site

from portal.site.models import SiteSettings
from tests.helpers import SHOTS

PHONE = {"width": 375, "height": 800}


def style(page, selector, prop):
    return page.locator(selector).first.evaluate(f"el => getComputedStyle(el).{prop}")


def test_elder_mode_is_remembered_across_pages_with_the_same_html(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    column = demo_server.url + demo_site["栏目"]
    plain_html = page.goto(column).text()
    assert style(page, "body", "fontSize") == "18px"  # main text ≥ 18 px (适老化 guidance)
    toggle = page.get_by_role("button", name="长者模式")
    expect(toggle).to_have_attribute("aria-pressed", "false")

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert style(page, "body", "fontSize") == "20px"
    assert float(style(page, ".card a", "height").removesuffix("px")) >= 60  # the guidance's figure

    elder_html = page.goto(column).text()
    assert elder_html == plain_html  # the choice lives in the browser: pages stay cacheable
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    page.goto(demo_server.url + demo_site["文章"])
    expect(page.get_by_role("button", name="长者模式")).to_have_attribute("aria-pressed", "true")
    assert style(page, ".article-body", "fontSize") == "24px"
    assert style(page, ".article-body", "color") == "rgb(0, 0, 0)"
    page.get_by_role("button", name="大字号").click()
    assert style(page, ".article-body", "fontSize") == "28px"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-article-elder-mode.png")

    page.get_by_role("button", name="长者模式").click()
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('elder')")
    assert style(page, ".article-body", "fontSize") == "24px"  # the 字体 choice stays


def test_elder_mode_is_applied_before_the_page_is_drawn(demo_server, page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_server.url + "/")
    page.evaluate("localStorage.setItem('portal:elder', 'on')")
    # Seen at the first paint: the class is set by the script in <head>, before <body>.
    page.add_init_script(
        "document.addEventListener('readystatechange', () => {"
        " if (document.readyState === 'interactive')"
        " window.elderAtFirstParse = document.documentElement.classList.contains('elder'); },"
        " {once: true});"
    )
    page.goto(demo_server.url + demo_site["文章"])
    assert page.evaluate("window.elderAtFirstParse")


def test_mourning_days_turn_the_whole_site_gray(live_server, page, home):
    page.set_viewport_size(PHONE)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    today = datetime.date.today()
    settings.mourning_start = today - datetime.timedelta(days=1)
    settings.mourning_end = today + datetime.timedelta(days=1)
    settings.save()
    page.goto(live_server.url + "/")
    assert style(page, "html", "filter") == "grayscale(1)"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-home-mourning.png")

    settings.mourning_end = today - datetime.timedelta(days=1)
    settings.save()
    page.goto(live_server.url + "/")
    assert style(page, "html", "filter") == "none"

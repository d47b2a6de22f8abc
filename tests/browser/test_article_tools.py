"""A reader enlarges the article text, and shares the article by QR code, link or inside WeChat."""

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Site

from portal.site.models import SiteSettings
from portal.site.wechat import signature
from tests import factories
from tests.fake_wechat import APP_ID, TICKET
from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)

WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560(0x28002F30) "
    "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)


@pytest.fixture
def articles(live_server, column):
    # The canonical URL comes from the Site record: point it at the live server.
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    return [
        factories.NewsPageFactory(parent=column, title=f"重庆双桥经济开发区贴心服务（{n}）")
        for n in (1, 2)
    ]


def body_size(page):
    return page.locator(".article-body").evaluate("el => getComputedStyle(el).fontSize")


def test_font_switch_changes_the_text_size_and_is_remembered(live_server, page, articles):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + articles[0].url)
    assert body_size(page) == "20px"
    large = page.get_by_role("button", name="大字号")
    large.click()
    assert body_size(page) == "24px"
    expect(large).to_have_attribute("aria-pressed", "true")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-article-large-text.png")

    page.goto(live_server.url + articles[1].url)  # another page: the choice stays
    assert body_size(page) == "24px"
    expect(page.get_by_role("button", name="大字号")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="小字号").click()
    page.reload()
    assert body_size(page) == "18px"  # 小: the guidance's floor for main text
    page.get_by_role("button", name="中字号").click()
    page.goto(live_server.url + articles[0].url)
    assert body_size(page) == "20px"


def decode(png):
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_wechat_qr_code_decodes_to_the_page_url(live_server, page, articles):
    article = articles[0]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + article.url)
    qr = page.locator("#share-wechat-pop img")
    expect(qr).to_be_hidden()

    share = page.get_by_role("button", name="微信")
    share.click()
    expect(qr).to_be_visible()
    expect(share).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("() => document.querySelector('#share-wechat-pop img').complete")
    page.screenshot(path=SHOTS / "desktop-share-qr.png")

    assert decode(qr.screenshot()) == [live_server.url + article.url]

    page.keyboard.press("Escape")
    expect(qr).to_be_hidden()
    expect(share).to_be_focused()


def test_copy_link_puts_the_page_url_on_the_clipboard(live_server, page, articles):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + articles[0].url)
    page.get_by_role("button", name="复制链接").click()
    expect(page.locator(".share-status")).to_have_text("链接已复制")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + articles[0].url


def test_inside_wechat_the_hint_replaces_the_qr_and_the_share_card_is_configured(
    live_server, browser, articles, fake_wechat
):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.wechat_app_id = APP_ID
    settings.save()
    context = browser.new_context(user_agent=WECHAT_UA, viewport={"width": 375, "height": 800})
    page = context.new_page()
    article = articles[0]

    with page.expect_response(lambda r: "/wechat/share/" in r.url) as answer:
        page.goto(live_server.url + article.url)
    card = answer.value.json()
    expect(page.locator("[data-wechat-share]")).to_have_attribute("data-wechat-configured", "true")
    assert page.evaluate("typeof window.wx.config") == "function"
    url = live_server.url + article.url
    assert card["signature"] == signature(TICKET, card["nonceStr"], card["timestamp"], url)
    assert card["title"] == article.title and card["link"] == url

    page.get_by_role("button", name="微信").click()
    expect(page.get_by_text("点击右上角“···”")).to_be_visible()
    expect(page.locator("#share-wechat-pop img")).to_be_hidden()
    page.screenshot(path=SHOTS / "phone-wechat-share-hint.png")
    context.close()

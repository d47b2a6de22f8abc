"""A reader on a phone filters the zone directory and opens a zone's profile."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.helpers import SHOTS

# The live server runs in another thread: the test data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def zones(home, column):
    index = factories.ZoneIndexPageFactory(parent=home, title="中国开发区", show_in_menus=True)
    specs = [
        ("北京经济技术开发区", "北京市", "国家级", "经济技术开发区"),
        ("中关村科技园区", "北京市", "国家级", "高新技术产业开发区"),
        ("北京通州经济开发区", "北京市", "省级", "经济开发区"),
        ("苏州工业园区", "江苏省", "国家级", "经济技术开发区"),
        ("重庆双桥经济开发区", "重庆市", "省级", "经济开发区"),
    ]
    zones = {
        title: factories.ZonePageFactory(
            parent=index, title=title, province=province, level=level, kind=kind
        )
        for title, province, level, kind in specs
    }
    zone = zones["中关村科技园区"]
    zone.code, zone.approved_on, zone.area_hectares = "G112001", datetime.date(1988, 5, 1), 48800
    zone.industries = "电子信息、生物医药、新能源"
    zone.address, zone.phone = "北京市海淀区中关村大街", "010-1234 5678"
    zone.latitude, zone.longitude = Decimal("39.983"), Decimal("116.318")
    zone.introduction = "<p>中国第一个国家级高新技术产业开发区。</p>"
    zone.save_revision().publish()
    article = factories.NewsPageFactory(parent=column, title="中关村发布科技创新支持政策")
    article.zones.add(zone)
    article.save_revision().publish()
    return zones


def test_filter_by_province_and_level_then_open_a_zone(live_server, page, zones):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/zones/")
    expect(page.get_by_role("heading", level=1)).to_have_text("中国开发区")
    expect(page.locator(".card-zone")).to_have_count(5)

    page.get_by_label("省份").select_option("北京市")
    page.get_by_label("级别").select_option("国家级")
    page.get_by_role("button", name="筛选").click()

    expect(page).to_have_url(re.compile(r"province=%E5%8C%97%E4%BA%AC%E5%B8%82&level="))
    expect(page.locator(".card-zone a")).to_have_text(["北京经济技术开发区", "中关村科技园区"])
    expect(page.locator("#zone-province option:checked")).to_have_text("北京市（2）")
    expect(page.locator("#zone-level option:checked")).to_have_text("国家级（2）")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-zone-directory.png", full_page=True)

    page.get_by_role("link", name="中关村科技园区").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("中关村科技园区")
    expect(page.locator(".zone-facts")).to_contain_text("1988年05月")
    expect(page.get_by_role("link", name="在高德地图中查看")).to_have_attribute(
        "href", re.compile(r"^https://uri\.amap\.com/marker\?position=116\.318")
    )
    expect(page.locator(".zone-news")).to_contain_text("中关村发布科技创新支持政策")
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=SHOTS / "phone-zone-profile.png", full_page=True)


def test_the_directory_on_a_desktop(live_server, page, zones):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/zones/?kind=%E7%BB%8F%E6%B5%8E%E5%BC%80%E5%8F%91%E5%8C%BA")
    expect(page.locator(".card-zone a")).to_have_text(["北京通州经济开发区", "重庆双桥经济开发区"])
    page.screenshot(path=SHOTS / "desktop-zone-directory.png", full_page=True)

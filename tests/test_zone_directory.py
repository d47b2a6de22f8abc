"""A reader browses /zones/: filters, facet counts, pagination, and a zone's profile."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.site.demo.images import demo_image
from tests import factories
from tests.helpers import SHANGHAI
from zones.models import ZoneGalleryImage, ZoneIndexPage, ZonePage


@pytest.fixture
def zone_index(home):
    return factories.ZoneIndexPageFactory(parent=home)


def make_zone(index, title, province, level, kind, **fields):
    return factories.ZonePageFactory(
        parent=index, title=title, province=province, level=level, kind=kind, **fields
    )


@pytest.fixture
def zones(zone_index):
    specs = [
        ("北京经济技术开发区", "北京市", "国家级", "经济技术开发区", {"short_name": "北京亦庄"}),
        ("中关村科技园区", "北京市", "国家级", "高新技术产业开发区", {}),
        ("北京通州经济开发区", "北京市", "省级", "经济开发区", {}),
        ("上海漕河泾新兴技术开发区", "上海市", "国家级", "经济技术开发区", {}),
        ("苏州工业园区", "江苏省", "国家级", "经济技术开发区", {}),
        ("昆山经济技术开发区", "江苏省", "国家级", "经济技术开发区", {}),
        ("江苏常熟高新技术产业园区", "江苏省", "省级", "高新技术产业园区", {}),
        ("重庆双桥经济开发区", "重庆市", "省级", "经济开发区", {}),
    ]
    return {
        title: make_zone(zone_index, title, province, level, kind, **extra)
        for title, province, level, kind, extra in specs
    }


def listed(response):
    """Zone names on the page, in order."""
    html = response.content.decode()
    return [
        unescape(name)
        for name in re.findall(r'<li class="card card-zone">\s*<a[^>]*>([^<]+)</a>', html)
    ]


def option_label(response, name, value):
    """The text of `value`'s option in the `name` select, e.g. 北京市（3）."""
    html = response.content.decode()
    select = re.search(rf'<select id="zone-{name}" name="{name}">(.*?)</select>', html, re.S)[1]
    return unescape(
        re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]+)</option>', select)[1]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, 8),
        ({"province": "北京市"}, ["北京经济技术开发区", "中关村科技园区", "北京通州经济开发区"]),
        (
            {"level": "省级"},
            ["北京通州经济开发区", "江苏常熟高新技术产业园区", "重庆双桥经济开发区"],
        ),
        (
            {"kind": "经济技术开发区"},
            [
                "北京经济技术开发区",
                "上海漕河泾新兴技术开发区",
                "苏州工业园区",
                "昆山经济技术开发区",
            ],
        ),
        (
            {"q": "经济"},
            [
                "北京经济技术开发区",
                "北京通州经济开发区",
                "昆山经济技术开发区",
                "重庆双桥经济开发区",
            ],
        ),
        ({"q": "亦庄"}, ["北京经济技术开发区"]),
        ({"province": "北京市", "level": "国家级"}, ["北京经济技术开发区", "中关村科技园区"]),
        ({"province": "江苏省", "kind": "经济技术开发区", "q": "昆山"}, ["昆山经济技术开发区"]),
        ({"province": "重庆市", "level": "国家级"}, []),
    ],
)
def test_filters_alone_and_combined(client, zones, query, expected):
    response = client.get("/zones/", query)
    assert response.status_code == 200
    if isinstance(expected, int):
        assert len(listed(response)) == expected
    else:
        assert sorted(listed(response)) == sorted(expected)
        assert f"共 <strong>{len(expected)}</strong> 个开发区" in response.content.decode()
    if not expected:
        assert "没有符合条件的开发区" in response.content.decode()


def test_zones_are_listed_by_province_then_level_then_kind(client, zones):
    # Official province order (北京, 上海, 江苏, 重庆), not the order of the characters.
    assert listed(client.get("/zones/", {"q": "开发区"})) == [
        "北京经济技术开发区",
        "北京通州经济开发区",
        "上海漕河泾新兴技术开发区",
        "昆山经济技术开发区",
        "重庆双桥经济开发区",
    ]
    assert listed(client.get("/zones/", {"province": "北京市"})) == [
        "北京经济技术开发区",
        "中关村科技园区",
        "北京通州经济开发区",
    ]


def test_the_form_shows_the_filters_in_use(client, zones):
    html = client.get(
        "/zones/", {"province": "江苏省", "level": "省级", "q": "常熟"}
    ).content.decode()
    assert '<option value="江苏省" selected>' in html
    assert '<option value="省级" selected>' in html
    assert 'name="q" value="常熟"' in html
    assert '<a href="/zones/">清除筛选</a>' in html


def test_facet_counts_reflect_the_other_filters(client, zones):
    everything = client.get("/zones/")
    assert option_label(everything, "province", "北京市") == "北京市（3）"
    assert option_label(everything, "province", "江苏省") == "江苏省（3）"
    assert option_label(everything, "province", "天津市") == "天津市（0）"
    assert option_label(everything, "kind", "经济开发区") == "经济开发区（2）"
    assert option_label(everything, "province", "上海市") == "上海市（1）"
    assert option_label(everything, "level", "国家级") == "国家级（5）"

    national_in_beijing = client.get("/zones/", {"level": "国家级", "province": "北京市"})
    # Province counts ignore the province filter but follow the level filter…
    assert option_label(national_in_beijing, "province", "北京市") == "北京市（2）"
    assert option_label(national_in_beijing, "province", "江苏省") == "江苏省（2）"
    assert option_label(national_in_beijing, "province", "上海市") == "上海市（1）"
    assert option_label(national_in_beijing, "province", "重庆市") == "重庆市（0）"
    # …kind counts follow both.
    assert option_label(national_in_beijing, "kind", "经济技术开发区") == "经济技术开发区（1）"
    assert option_label(national_in_beijing, "kind", "经济开发区") == "经济开发区（0）"
    assert option_label(national_in_beijing, "level", "省级") == "省级（1）"
    html = national_in_beijing.content.decode()
    assert "全部省份（5）" in html and "全部类型（2）" in html


def test_pagination_keeps_the_filters(client, zone_index):
    for n in range(ZoneIndexPage.per_page + 5):
        make_zone(zone_index, f"江苏示例经济开发区{n:02d}", "江苏省", "省级", "经济开发区")
    make_zone(zone_index, "北京示例经济开发区", "北京市", "省级", "经济开发区")

    first = client.get("/zones/", {"province": "江苏省", "level": "省级"})
    assert len(listed(first)) == ZoneIndexPage.per_page
    html = first.content.decode()
    next_link = unescape(re.search(r'<a href="([^"]+)" rel="next">', html)[1])
    assert next_link == "?province=%E6%B1%9F%E8%8B%8F%E7%9C%81&level=%E7%9C%81%E7%BA%A7&page=2"

    second = client.get("/zones/" + next_link)
    assert listed(second) == [f"江苏示例经济开发区{n:02d}" for n in range(30, 35)]
    assert "第 2 / 2 页" in second.content.decode()
    assert option_label(second, "province", "江苏省") == "江苏省（35）"


@pytest.mark.parametrize(
    "query",
    [
        "province=火星",
        "province=北京",
        "level=<script>alert(1)</script>",
        "kind=%E2%80%AE",
        "page=abc",
        "page=0",
        "page=-3",
        "page=99999999999999999999999999",
        "page=1e9",
        "q=" + "开发区" * 40,
        "q=%00",
        "province=北京市&province=江苏省&page=2&page=x",
        "utm_source=wechat&from=timeline",
    ],
)
def test_junk_parameters_give_a_normal_page(client, zones, query):
    response = client.get("/zones/?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert listed(response), query
    assert "<h1>中国开发区</h1>" in html


def queries(client, url, query=None):
    """How many database queries a reader's request for `url` takes."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, query).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("query", [{}, {"province": "天津市", "level": "国家级"}, {"page": "3"}])
def test_query_count_stays_flat_from_10_to_2600_zones(
    client, zone_index, query, pages_built_afresh
):
    factories.bulk_zone_pages(zone_index, 10)
    # Warm: the site lookup and facet counts are computed once per change of content.
    assert listed(client.get("/zones/", query))  # the filters match some of the first ten
    few = queries(client, "/zones/", query)

    factories.bulk_zone_pages(zone_index, 2590)
    assert ZonePage.objects.live().count() == 2600
    client.get("/zones/", query)
    many = queries(client, "/zones/", query)
    assert many == few
    assert few <= 12  # routing, breadcrumb, count + page + one query per facet


def test_bulk_zones_are_real_pages(client, zone_index):
    factories.bulk_zone_pages(zone_index, 40)
    zone_index.refresh_from_db()
    assert zone_index.get_children().count() == 40
    zone = ZonePage.objects.get(slug="bulk-zone-7")
    assert client.get(zone.url).status_code == 200


# --- the zone's own page -------------------------------------------------------------


@pytest.fixture
def zone(zone_index):
    return make_zone(
        zone_index,
        "北京经济技术开发区",
        "北京市",
        "国家级",
        "经济技术开发区",
        short_name="北京亦庄",
        code="G111001",
        city="北京市大兴区",
        approved_on=datetime.date(1994, 8, 1),
        approved_precision="month",
        area_hectares=Decimal("3980.00"),
        industries="电子信息、生物医药、装备制造、汽车",
        address="北京市北京经济技术开发区荣华中路",
        phone="010-6788 1234",
        website="https://www.example.org/bda/",
        latitude=Decimal("39.795300"),
        longitude=Decimal("116.506400"),
        introduction="<p>北京唯一同时享受国家级经济技术开发区和国家高新技术产业园区双重政策的开发区。</p>",
    )


def test_the_zone_page_shows_its_profile(client, zone):
    html = client.get(zone.url).content.decode()
    assert "<h1>北京经济技术开发区</h1>" in html
    assert "简称：北京亦庄" in html
    for fact in [
        "<dd>北京市 北京市大兴区</dd>",
        "<dd>国家级</dd>",
        "<dd>经济技术开发区</dd>",
        "<dd>G111001</dd>",
        "<dd>1994年08月</dd>",
        "<dd>3980 公顷</dd>",
        "<dd>电子信息、生物医药、装备制造、汽车</dd>",
        "<dd>北京市北京经济技术开发区荣华中路</dd>",
        '<a href="tel:01067881234">010-6788 1234</a>',
        '<a href="https://www.example.org/bda/" rel="noopener external">',
        "双重政策",
    ]:
        assert fact in html, fact
    map_link = unescape(re.search(r'<a href="(https://uri\.amap\.com/[^"]+)"', html)[1])
    assert "在高德地图中查看" in html
    assert "position=116.506400%2C39.795300" in map_link and "coordinate=gaode" in map_link
    assert '<script src="http' not in html  # no outside script for the map


@pytest.mark.parametrize(
    ("precision", "shown"), [("year", "1994年"), ("month", "1994年08月"), ("day", "1994年08月15日")]
)
def test_the_approval_date_is_as_precise_as_known(zone, precision, shown):
    zone.approved_on, zone.approved_precision = datetime.date(1994, 8, 15), precision
    zone.full_clean()
    assert zone.approved_display == shown
    if precision != "day":
        assert zone.approved_on.day == 1


def test_the_zone_page_lists_its_news_newest_first(client, zone, column):
    other = factories.ZonePageFactory(parent=zone.get_parent(), title="苏州工业园区")
    times = [datetime.datetime(2020, 3, day, 10, 38, tzinfo=SHANGHAI) for day in (5, 19, 12)]
    for n, when in enumerate(times):
        article = factories.NewsPageFactory(parent=column, title=f"亦庄新闻{n}", publish_time=when)
        article.zones.add(zone)
        article.save()
    draft = factories.NewsPageFactory(parent=column, title="亦庄未发布新闻", live=False)
    draft.zones.add(zone)
    draft.save()
    elsewhere = factories.NewsPageFactory(parent=column, title="园区新闻")
    elsewhere.zones.add(other)
    elsewhere.save()

    html = client.get(zone.url).content.decode()
    titles = re.findall(r'class="card-title" href="[^"]+">([^<]+)</a>', html)
    assert titles == ["亦庄新闻1", "亦庄新闻2", "亦庄新闻0"]
    other_html = client.get(other.url).content.decode()
    assert "园区新闻" in other_html and "亦庄新闻" not in other_html


def test_the_zone_news_is_paginated(client, zone, column):
    for n in range(ZonePage.news_per_page + 2):
        article = factories.NewsPageFactory(parent=column, title=f"亦庄动态{n:02d}")
        article.zones.add(zone)
        article.save()
    first = client.get(zone.url).content.decode()
    assert first.count('class="card card-article"') == ZonePage.news_per_page
    assert "亦庄动态11" in first and "亦庄动态00" not in first
    second = client.get(zone.url, {"page": "2"}).content.decode()
    assert second.count('class="card card-article"') == 2
    assert "亦庄动态00" in second
    assert client.get(zone.url, {"page": "zzz"}).status_code == 200


def test_the_logo_and_gallery_are_shown(client, zone):
    zone.logo = demo_image("zone-logo", (200, 200))
    for n in range(3):
        zone.gallery_images.add(
            ZoneGalleryImage(image=demo_image(f"zone-photo-{n}"), caption=f"园区风貌{n}")
        )
    zone.save_revision().publish()
    html = client.get(zone.url).content.decode()
    assert re.search(r'<img[^>]+class="zone-logo"', html)
    assert re.findall(r"<figcaption>([^<]+)</figcaption>", html) == [
        "园区风貌0",
        "园区风貌1",
        "园区风貌2",
    ]
    assert html.count(".webp") == 4


def test_the_zone_page_queries_do_not_grow_with_news_or_photos(client, zone, column):
    def add(n):
        for i in range(n):
            article = factories.NewsPageFactory(parent=column)
            article.zones.add(zone)
            article.save()
            zone.gallery_images.add(ZoneGalleryImage(image=demo_image(f"photo-{n}-{i}")))
        zone.logo = demo_image("zone-logo", (200, 200))
        zone.save_revision().publish()  # makes the renditions the page shows

    add(1)
    with CaptureQueriesContext(connection) as context:
        assert client.get(zone.url).status_code == 200
    # Showing the page writes nothing: its renditions were made when it was published.
    assert not [q for q in context.captured_queries if not q["sql"].startswith("SELECT")]
    few = queries(client, zone.url)  # now that the site's caches are warm
    add(8)
    client.get(zone.url)  # publishing may have refreshed the cached chrome
    assert queries(client, zone.url) == few


def test_a_zone_without_news_says_so(client, zone):
    assert "暂无相关资讯。" in client.get(zone.url).content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"level": "省级", "kind": "经济技术开发区"}, "kind", "不是省级开发区的类型"),
        ({"level": "国家级", "kind": "特色工业园区"}, "kind", "不是国家级开发区的类型"),
        ({"latitude": Decimal("39.9"), "longitude": None}, "latitude", "须同时填写"),
        ({"latitude": Decimal("116.4"), "longitude": Decimal("39.9")}, "latitude", None),
        ({"latitude": Decimal("39.9"), "longitude": Decimal("16.4")}, "latitude", "填反"),
        ({"website": "javascript:alert(1)"}, "website", None),
    ],
)
def test_the_admin_refuses_inconsistent_profiles(zone, fields, field, message):
    for name, value in fields.items():
        setattr(zone, name, value)
    with pytest.raises(ValidationError) as caught:
        zone.full_clean()
    assert field in caught.value.message_dict
    if message:
        assert message in " ".join(caught.value.message_dict[field])


def test_editors_can_open_the_zone_form(admin_client, zone):
    response = admin_client.get(f"/admin/pages/{zone.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["目录代码", "批准时间精确到", "核准面积（公顷）", "地图位置", "图集", "标志"]:
        assert label in html, label
    assert '<optgroup label="国家级">' in html and '<optgroup label="省级">' in html

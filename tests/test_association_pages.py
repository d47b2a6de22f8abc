"""A reader browses the association's pages, its member directory and the magazine."""

import pytest
from django.core.exceptions import ValidationError

from association.models import MagazineIssuePage, MemberUnit
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    about = factories.AboutPageFactory(parent=home, title="中国开发区协会", slug="about")
    for title, slug in (("协会简介", "introduction"), ("组织机构", "organization")):
        factories.AboutPageFactory(parent=about, title=title, slug=slug)
    return about


def side_menu(html):
    return html.split('<nav class="side-menu"')[1].split("</nav>")[0]


def test_an_about_page_has_a_side_menu_of_its_siblings(client, about):
    html = client.get("/about/organization/").content.decode()
    menu = side_menu(html)
    assert '<a href="/about/">中国开发区协会</a>' in menu
    assert '<a href="/about/introduction/">协会简介</a>' in menu
    assert '<a href="/about/organization/" aria-current="page">组织机构</a>' in menu


def test_the_sections_top_page_lists_its_children_in_the_menu(client, about):
    menu = side_menu(client.get("/about/").content.decode())
    assert "协会简介" in menu and "组织机构" in menu


def test_a_service_page_has_a_side_menu(client, home):
    services = factories.ServiceIndexPageFactory(parent=home)
    factories.ServicePageFactory(parent=services, title="招商推介", slug="promotion")
    factories.ServicePageFactory(parent=services, title="规划咨询", slug="planning")
    menu = side_menu(client.get("/services/planning/").content.decode())
    assert "招商推介" in menu and 'aria-current="page">规划咨询' in menu


def test_the_member_directory_groups_units_by_province_and_links_zones(client, about, home):
    zones = factories.ZoneIndexPageFactory(parent=home)
    suzhou = factories.ZonePageFactory(
        parent=zones, title="苏州工业园区", slug="suzhou", province="江苏省"
    )
    unit = MemberUnit(name="苏州工业园区", kind=MemberUnit.Kind.ZONE, zone=suzhou)
    unit.full_clean()  # takes the zone's province
    unit.save()
    factories.MemberUnitFactory(name="国家开发区产业研究院", kind=MemberUnit.Kind.INSTITUTION)
    factories.MemberUnitFactory(
        name="重庆某企业", kind=MemberUnit.Kind.ENTERPRISE, province="重庆市"
    )
    factories.AboutPageFactory(
        parent=about, title="会员单位", slug="members", body=[("member_directory", None)]
    )

    html = client.get("/about/members/").content.decode()

    assert "共 3 家会员单位" in html
    assert html.index("全国性单位") < html.index("江苏省") < html.index("重庆市")
    assert '<a href="/zones/suzhou/">苏州工业园区</a>' in html


def test_only_a_zone_member_links_a_zone_page(home):
    zones = factories.ZoneIndexPageFactory(parent=home)
    zone = factories.ZonePageFactory(parent=zones)
    unit = MemberUnit(name="某企业", kind=MemberUnit.Kind.ENTERPRISE, zone=zone)
    with pytest.raises(ValidationError, match="开发区"):
        unit.full_clean()


def test_the_magazine_lists_issues_newest_first_and_knows_the_latest(client, home):
    magazine = factories.MagazineIndexPageFactory(parent=home)
    for year, number in ((2019, 6), (2020, 2), (2020, 1)):
        factories.MagazineIssuePageFactory(
            parent=magazine, title=f"《中国开发区》{year}年第{number}期", year=year, number=number
        )
    html = client.get("/magazine/").content.decode()
    assert html.index("2020年第2期") < html.index("2020年第1期") < html.index("2019年第6期")
    assert MagazineIssuePage.latest().title == "《中国开发区》2020年第2期"


def test_an_issue_number_cannot_repeat(home):
    magazine = factories.MagazineIndexPageFactory(parent=home)
    factories.MagazineIssuePageFactory(parent=magazine, year=2020, number=3)
    twin = MagazineIssuePage(title="重复", slug="twin", year=2020, number=3)
    twin._cached_parent_obj = magazine
    with pytest.raises(ValidationError, match="2020年第3期已存在"):
        twin.full_clean()

"""Every page's chrome (utility bar, menu, 通知公告, footer) shows what editors set in the admin."""

import datetime

import wagtail_factories
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal.caching import generation as page_cache
from portal.site.models import DirectoryLink, LinkGroup, SiteSettings
from tests import factories, helpers
from tests.helpers import SHANGHAI


def get(client, url="/"):
    return helpers.page(client, url)


def link_to(element, label):
    """The href of the first link whose text contains `label`."""
    for a in element.select("a[href]"):
        if label in a.get_text():
            return a["href"]
    return None


def settings_for(home):
    return SiteSettings.for_site(Site.objects.get(root_page=home))


def test_site_settings_fill_the_header_and_footer(client, home):
    settings = settings_for(home)
    settings.site_name = "示范开发区协会"
    settings.wechat_name = "示范开发区"
    settings.wechat_qr = wagtail_factories.ImageFactory(title="公众号二维码")
    settings.logo = wagtail_factories.ImageFactory(title="标志")
    settings.qq_group = "123456789"
    settings.qq_join_url = "https://qm.qq.com/q/demo"
    settings.address = "北京市西城区示例路1号"
    settings.phone = "010-12345678"
    settings.email = "office@example.org"
    settings.copyright = "版权所有 © 示范开发区协会"
    settings.icp_number = "京ICP备12345678号-1"
    settings.police_number = "京公网安备11010502030143号"
    settings.save()

    page = get(client)

    assert page.title.string == "首页 - 示范开发区协会"
    assert helpers.words(page.select_one(".brand")) == "示范开发区协会"
    assert page.select_one(".brand img")["src"] == settings.logo.file.url
    utility = page.select_one(".utility-bar")
    wechat = utility.select_one("#pop-wechat")
    assert link_to(utility, "微信公众号") == "#pop-wechat"
    assert wechat.img["src"] == settings.wechat_qr.file.url
    assert "扫一扫 关注公众号" in helpers.words(wechat) and "示范开发区" in helpers.words(wechat)
    qq = utility.select_one("#pop-qq")
    assert "QQ群号： 123456789" in helpers.words(qq)
    assert link_to(qq, "一键加群") == "https://qm.qq.com/q/demo"
    footer = page.select_one(".site-footer")
    assert (
        "地址：北京市西城区示例路1号 电话：010-12345678 邮箱： office@example.org"
        in helpers.words(footer)
    )
    assert link_to(footer, "office@example.org") == "mailto:office@example.org"
    assert "版权所有 © 示范开发区协会" in helpers.words(footer)
    assert link_to(footer, "京ICP备12345678号-1") == "https://beian.miit.gov.cn/"
    assert (
        link_to(footer, "京公网安备11010502030143号")
        == "https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143"
    )


def test_changing_a_setting_shows_on_the_next_page_view(client, home):
    page = get(client)
    assert helpers.words(page.select_one(".brand")) == "中国开发区协会"
    assert f"© {datetime.date.today().year} 中国开发区协会 版权所有" in helpers.words(page.footer)

    settings = settings_for(home)
    settings.site_name = "中国开发区协会网"
    settings.qq_group = "87654321"
    settings.save()

    page = get(client)
    assert helpers.words(page.select_one(".brand")) == "中国开发区协会网"
    assert "87654321" in helpers.words(page.select_one("#pop-qq"))


def test_utility_bar_leaves_out_what_is_not_configured(client, home):
    utility = get(client).select_one(".utility-bar")
    assert "Ctrl + D" in helpers.words(utility.select_one("#pop-bookmark"))
    labels = [helpers.words(a) for a in utility.select(".utility-link")]
    assert labels == ["无障碍", "长者模式", "收藏"]  # 无障碍 and 长者模式 need no setting


def test_message_board_and_magazine_links(client, home):
    board = factories.MessageBoardPageFactory(parent=home)
    magazine = factories.MagazineIndexPageFactory(parent=home)
    utility = get(client).select_one(".utility-bar")
    assert link_to(utility, "留言") == board.url
    assert link_to(utility, "《中国开发区》") == magazine.url  # no issue yet: the index

    factories.MagazineIssuePageFactory(parent=magazine, year=2020, number=4)
    latest = factories.MagazineIssuePageFactory(parent=magazine, year=2021, number=1)
    factories.MagazineIssuePageFactory(parent=magazine, year=2021, number=2, live=False)
    assert link_to(get(client).select_one(".utility-bar"), "《中国开发区》") == latest.url


def test_link_directory_groups_and_links_in_order(client, home):
    media = LinkGroup.objects.create(name="新闻媒体", sort_order=2)
    government = LinkGroup.objects.create(name="政府部门", sort_order=1)
    LinkGroup.objects.create(name="空分组", sort_order=3)
    government.links = [
        DirectoryLink(name="商务部", url="http://www.mofcom.gov.cn/"),
        DirectoryLink(name="国家发展和改革委员会", url="https://www.ndrc.gov.cn/"),
    ]
    government.save()
    media.links = [DirectoryLink(name="南都网", url="")]
    media.save()
    board = factories.MessageBoardPageFactory(parent=home)

    footer = get(client).select_one(".site-footer")

    assert [helpers.words(tab) for tab in footer.select("[data-tab]")] == ["政府部门", "新闻媒体"]
    groups = footer.select(".link-group")
    assert [helpers.words(group.h2) for group in groups] == ["政府部门", "新闻媒体"]
    assert [helpers.words(li) for li in groups[0].select("li")] == [
        "商务部",
        "国家发展和改革委员会",
    ]
    assert link_to(groups[0], "国家发展和改革委员会") == "https://www.ndrc.gov.cn/"
    assert groups[1].li.a is None and helpers.words(groups[1].li) == "南都网"  # no URL: plain text
    assert link_to(footer, "留言箱") == board.url


def test_editing_a_link_shows_on_the_next_page_view(client, home):
    group = LinkGroup.objects.create(name="友情链接")
    group.links = [DirectoryLink(name="中国国际投洽会", url="")]
    group.save()
    assert link_to(get(client).footer, "中国国际投洽会") is None

    link = group.links.get()
    link.url = "https://www.chinafair.org.cn/"
    link.save()
    assert link_to(get(client).footer, "中国国际投洽会") == "https://www.chinafair.org.cn/"

    group.delete()
    assert "中国国际投洽会" not in helpers.words(get(client).footer)


def notice_titles(page):
    return [helpers.words(a).removeprefix("置顶 ") for a in page.select(".notice-items a")]


def test_notice_box_lists_the_latest_live_notices_pinned_first(client, home):
    index = factories.NoticeIndexPageFactory(parent=home)
    day = datetime.datetime(2020, 3, 1, 9, 0, tzinfo=SHANGHAI)
    notices = [
        factories.NoticePageFactory(
            parent=index, title=f"通知{n}", publish_time=day + datetime.timedelta(days=n)
        )
        for n in range(7)
    ]
    pinned = factories.NoticePageFactory(
        parent=index, title="置顶的通知", pinned=True, publish_time=day
    )
    factories.NoticePageFactory(parent=index, title="草稿通知", live=False, publish_time=day)

    page = get(client)

    assert notice_titles(page) == ["置顶的通知", "通知6", "通知5", "通知4", "通知3"]
    box = page.select_one(".notice-box")
    assert helpers.words(box.h2) == "通知公告"
    assert helpers.words(box.select_one(".badge")) == "置顶"
    assert link_to(box, "置顶的通知") == pinned.url
    assert box.time["datetime"] == pinned.publish_time.isoformat()
    assert link_to(box, "更多") == index.url

    notices[0].title = "通知0（更新）"
    notices[0].publish_time = day + datetime.timedelta(days=30)
    notices[0].save_revision().publish()
    assert notice_titles(get(client))[:2] == ["置顶的通知", "通知0（更新）"]
    notices[6].unpublish()
    assert "通知6" not in notice_titles(get(client))


def test_menu_from_the_page_tree_marks_the_current_section(client, home, column):
    services = factories.ServiceIndexPageFactory(parent=home, show_in_menus=True)
    factories.ServicePageFactory(parent=services, title="招商推介", show_in_menus=True)
    factories.ServicePageFactory(parent=services, title="内部事务", show_in_menus=False)
    factories.AboutPageFactory(parent=home, title="隐藏栏目", show_in_menus=False)
    article = factories.NewsPageFactory(parent=column)

    menu = get(client, article.url).select_one(".main-menu")

    assert [helpers.words(a) for a in menu.select("a")] == [
        "首页",
        "资讯中心",
        "省级开发区动态",
        "协会服务",
        "招商推介",
    ]
    assert [helpers.words(a) for a in menu.select(".submenu a")] == ["省级开发区动态", "招商推介"]
    assert (
        helpers.words(menu.button) == "打开菜单"
        and menu.button["aria-controls"] == "main-menu-list"
    )
    assert [helpers.words(li.a) for li in menu.select(".menu-item.is-current")] == ["资讯中心"]
    current = {helpers.words(a): a["aria-current"] for a in menu.select("a[aria-current]")}
    assert current == {"资讯中心": "true", "省级开发区动态": "true"}

    menu = get(client, column.url).select_one(".main-menu")
    assert {helpers.words(a): a["aria-current"] for a in menu.select("a[aria-current]")} == {
        "资讯中心": "true",
        "省级开发区动态": "page",
    }
    menu = get(client, "/").select_one(".main-menu")
    assert {helpers.words(a): a["aria-current"] for a in menu.select("a[aria-current]")} == {
        "首页": "page"
    }

    services.show_in_menus = False
    services.save_revision().publish()
    assert "协会服务" not in helpers.words(get(client, article.url).select_one(".main-menu"))


def test_chrome_costs_the_same_few_queries_however_much_it_shows(client, home, column):
    article = factories.NewsPageFactory(parent=column)
    # A little of everything the directory costs (its groups and their links).
    LinkGroup(
        name="友情链接", links=[DirectoryLink(name="商务部", url="https://example.org/")]
    ).save()

    def cold_and_warm():
        """Queries for the article page with every cache empty (the chrome's, and Wagtail's
        site root paths, which publishing may have filled), then filled."""
        cache.clear()
        page_cache.local.forget()
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(article.url).status_code == 200
            counts.append(len(captured))
        return counts

    small = cold_and_warm()
    index = factories.NoticeIndexPageFactory(parent=home)
    for _ in range(8):
        factories.NoticePageFactory(parent=index)
    services = factories.ServiceIndexPageFactory(parent=home, show_in_menus=True)
    for _ in range(6):
        factories.ServicePageFactory(parent=services, show_in_menus=True)
    for name in ["政府部门", "行业协会", "新闻媒体", "媒体合作"]:
        group = LinkGroup(name=name)
        group.links = [
            DirectoryLink(name=f"{name}{n}", url="https://example.org/") for n in range(20)
        ]
        group.save()
    large = cold_and_warm()

    assert large == small
    assert small[1] < small[0]  # the filled cache saves the chrome's queries


def test_demo_fills_the_link_directory_and_site_settings(client, demo_site, db):
    call_command("load_demo", "--no-admin", verbosity=0)  # again: nothing doubles

    groups = list(LinkGroup.objects.all())
    assert [g.name for g in groups] == ["政府部门", "行业协会", "新闻媒体", "友情链接"]
    assert [g.links.count() for g in groups] == [24, 16, 14, 4]
    page = get(client)
    footer = page.select_one(".site-footer")
    assert link_to(footer, "国家发展和改革委员会") == "https://www.ndrc.gov.cn/"
    assert link_to(footer, "内蒙古开发区协会") is None
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert page.select_one("#pop-wechat img")["src"] == settings.wechat_qr.file.url
    assert page.select_one(".brand img")["src"] == settings.logo.file.url
    assert settings.icp_number in helpers.words(footer)


def test_moving_or_deleting_a_menu_page_updates_the_menu(client, home, news_index, column):
    about = factories.AboutPageFactory(parent=home, title="中国开发区协会", show_in_menus=True)
    assert "省级开发区动态" in helpers.words(get(client).select_one(".main-menu"))

    column.move(about, pos="last-child")
    menu = get(client).select_one(".main-menu")
    about_item = [
        li for li in menu.select(".menu-item") if "中国开发区协会" in helpers.words(li.a)
    ][0]
    assert link_to(about_item, "省级开发区动态") == f"{about.url}provincial-zones/"

    about.delete()
    assert "中国开发区协会" not in helpers.words(get(client).select_one(".main-menu"))

"""网站健康自查: the lines editors see in the admin and receive by e-mail, with figures
that match the content made here under a fixed clock, and links to where each is fixed."""

import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail_factories import ImageFactory

from association.models import CalendarDay, SensitiveWord
from portal.site.health.content import check_content
from portal.site.health.models import ColumnSchedule, LinkCheck, LinkUse
from portal.site.health.report import site_health
from portal.site.models import DirectoryLink, LinkGroup
from tests import factories
from tests.helpers import SHANGHAI
from tests.policy_pages import library, publish_document

NOW = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=SHANGHAI)
REPORT = "/admin/site-health/"


def days_ago(days, hours=0):
    return NOW - datetime.timedelta(days=days, hours=hours)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(clock, home, news_index, column, editor):
    """Columns with old and new articles, an empty one, a stale 通知公告 and a 政策 column,
    a message waiting too long, articles without 来源 or dated ahead."""
    factories.NewsPageFactory(parent=column, title="新鲜的动态", publish_time=days_ago(3))
    old = factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    factories.NewsPageFactory(parent=old, title="二十天前的动态", publish_time=days_ago(20))
    factories.NewsPageFactory(parent=old, title="更早的动态", publish_time=days_ago(40))
    policy_column = factories.NewsCategoryPageFactory(parent=news_index, title="政策解读")
    factories.NewsPageFactory(
        parent=policy_column, title="百日前的解读", publish_time=days_ago(100)
    )
    factories.NewsCategoryPageFactory(parent=news_index, title="空栏目")
    notices = factories.NoticeIndexPageFactory(parent=home)
    factories.NoticePageFactory(parent=notices, title="旧通知", publish_time=days_ago(200))
    policies = library(home)
    publish_document(policies, "关于促进开发区发展的意见", written=days_ago(150).date())
    factories.NewsPageFactory(
        parent=column, title="无来源的文章", source="", publish_time=days_ago(5)
    )
    factories.NewsPageFactory(
        parent=column, title="未来的文章", publish_time=NOW + datetime.timedelta(days=2)
    )
    factories.MessageFactory(subject="考核办法何时发布", created_at=days_ago(16, 1))
    factories.MessageFactory(subject="刚收到的留言", created_at=days_ago(2))
    factories.MessageFactory(subject="十天前的留言", created_at=days_ago(10))  # due 06月05日
    factories.MessageFactory(subject="已回复的旧留言", created_at=days_ago(30), reply="已答复。")
    picture = ImageFactory(title="大楼照片", description="")
    body = json.dumps([{"type": "image", "value": {"image": picture.pk, "caption": ""}}])
    factories.NewsPageFactory(parent=column, title="有图无字", body=body, publish_time=days_ago(4))
    SensitiveWord.objects.create(word="赌博")
    factories.NewsPageFactory(
        parent=column,
        title="含敏感词的文章",
        body=[("paragraph", "<p>严禁赌博。</p>")],
        publish_time=days_ago(4),
    )
    draft = factories.NewsPageFactory(parent=column, title="草稿", live=False)
    factories.NewsPageFactory(
        parent=column,
        title="链向草稿的文章",
        body=[("paragraph", f'<p>见<a linktype="page" id="{draft.pk}">草稿</a>。</p>')],
        publish_time=days_ago(4),
    )
    check_content()  # as the nightly job does: the factories publish without the signal
    return {"old": old, "policy": policy_column, "notices": notices, "editor": editor}


def lines_of(sections):
    return {section.key: [line.text for line in section.lines] for section in sections}


@pytest.mark.django_db
def test_the_lines_match_what_was_made(site):
    lines = lines_of(site_health())
    assert lines["stale"] == [
        "「协会动态」（动态类）已 20 天未更新，更新周期 14 天；最近更新 2026年05月12日 09:00",
        "「通知公告」（通知公告类）已 200 天未更新，更新周期 183 天；最近更新 2025年11月13日 09:00",
    ]
    assert lines["empty"] == ["「空栏目」没有已发布的内容"]
    # Received on a Saturday: 10 working days from Monday 05月18日 end on Friday 05月29日.
    assert lines["messages"] == [
        "「考核办法何时发布」2026年05月16日 08:00 收到，办理期限 2026年05月29日，已超期 3 天"
    ]
    assert lines["incomplete"] == [
        "「无来源的文章」缺少来源",
        "「未来的文章」发布时间 2026年06月03日 09:00 晚于现在",
    ]
    assert lines["links"] == []
    # The publish-time checks (portal.site.content_checks) over the live pages:
    assert [line.split("」")[0] for line in lines["missing_alt"]] == ["「有图无字"]
    assert [line.split("」")[0] for line in lines["sensitive_word"]] == ["「含敏感词的文章"]
    assert [line.split("」")[0] for line in lines["broken_link"]] == ["「链向草稿的文章"]
    assert "赌博" in lines["sensitive_word"][0] and "草稿" in lines["broken_link"][0]
    assert lines["redirected_link"] == []


@pytest.mark.django_db
def test_an_editor_sets_a_column_s_own_interval_and_type(site):
    ColumnSchedule.objects.create(page=site["old"], interval_days=30)
    ColumnSchedule.objects.create(page=site["policy"], kind="dynamic")
    assert lines_of(site_health())["stale"] == [
        "「政策解读」（动态类）已 100 天未更新，更新周期 14 天；最近更新 2026年02月21日 09:00",
        "「通知公告」（通知公告类）已 200 天未更新，更新周期 183 天；最近更新 2025年11月13日 09:00",
    ]


@pytest.mark.django_db
def test_a_holiday_moves_a_message_s_deadline_past_today(site):
    CalendarDay.objects.create(date=datetime.date(2026, 5, 25), kind="holiday", note="调休")
    assert lines_of(site_health())["messages"] == []  # now due on 06月01日, today


@pytest.mark.django_db
def test_the_home_page_is_stale_when_nothing_new_appeared_anywhere(clock, home, column):
    factories.NewsPageFactory(parent=column, title="旧文章", publish_time=days_ago(15))
    stale = lines_of(site_health())["stale"]
    assert stale[0].startswith("「首页」（首页）已 15 天未更新，更新周期 14 天")


def page_lines(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for section in soup.select(".site-health-section"):
        key = section["id"].removeprefix("health-")
        found[key] = [
            (li.get_text(" ", strip=True).rsplit(" ", 1)[0], li.a["href"])
            for li in section.select("li")
        ]
    return found


@pytest.mark.django_db
def test_the_admin_page_links_each_line_to_where_it_is_fixed(client, site):
    client.force_login(site["editor"])
    found = page_lines(client)
    assert [text for text, _ in found["empty"]] == ["「空栏目」没有已发布的内容"]
    for key, lines in found.items():
        for _, href in lines:
            fix = client.get(href, follow=True)
            assert fix.status_code == 200, (key, href)
    assert found["stale"][0][1] == reverse("wagtailadmin_pages:add_subpage", args=[site["old"].pk])
    menu = client.get("/admin/").content.decode()
    assert '"site-health"' in menu and REPORT in menu


@pytest.mark.django_db
def test_contributors_and_readers_do_not_see_it(client, site, contributor):
    client.force_login(contributor)
    refused = client.get(REPORT)
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission"
    assert "site-health" not in client.get("/admin/").content.decode()
    client.logout()
    assert client.get(REPORT).status_code == 302  # to the login page


@pytest.mark.django_db
def test_the_weekly_email_reaches_editors_with_the_same_lines(client, site):
    call_command("send_site_health", verbosity=0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [site["editor"].email]
    assert message.subject == "网站健康自查（2026年06月01日）：9 项需要处理"
    client.force_login(site["editor"])
    for lines in page_lines(client).values():
        for text, href in lines:
            assert f"- {text}\n" in message.body
            assert href in message.body


def dead_link_everywhere(page, group_name="政府部门", url="https://gone.example.cn/"):
    group = LinkGroup.objects.create(name=group_name)
    entry = DirectoryLink.objects.create(group=group, name="失效的网站", url=url)
    link = LinkCheck.objects.create(
        url=url, consecutive_failures=3, last_error="HTTP 404", last_status=404
    )
    LinkUse.objects.create(link=link, directory_link=entry)
    LinkUse.objects.create(link=link, page=page)
    return group


@pytest.mark.django_db
def test_dead_links_are_listed_where_they_are_used(client, site, column):
    article = factories.NewsPageFactory(
        parent=column, title="引用旧网站的文章", publish_time=days_ago(1)
    )
    group = dead_link_everywhere(article)
    LinkCheck.objects.create(url="https://slow.example.cn/", consecutive_failures=2)  # not yet
    client.force_login(site["editor"])
    assert page_lines(client)["links"] == [
        (
            "链接目录「政府部门」中的「失效的网站」https://gone.example.cn/："
            "连续 3 次失败，最近一次：HTTP 404",
            reverse("wagtailsnippets_portal_linkgroup:edit", args=[group.pk]),
        ),
        (
            "「引用旧网站的文章」正文中的链接 https://gone.example.cn/："
            "连续 3 次失败，最近一次：HTTP 404",
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
        ),
    ]


def report_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(REPORT).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_page_s_queries_do_not_grow_with_the_site(client, site, column, news_index):
    client.force_login(site["editor"])
    client.get(REPORT)
    before = report_queries(client)
    for n in range(5):
        extra = factories.NewsCategoryPageFactory(parent=news_index, title=f"又一个栏目{n}")
        factories.NewsPageFactory(parent=extra, source="", publish_time=days_ago(30 + n))
        factories.MessageFactory(created_at=days_ago(20 + n))
        dead_link_everywhere(
            factories.NewsPageFactory(parent=column, publish_time=days_ago(1)),
            f"分组{n}",
            f"https://gone{n}.example.cn/",
        )
    assert report_queries(client) == before
    # Measured 23 on SQLite: the report's own sections (the content findings' counts in
    # one query, and the lines of each kind that has any) and the admin's chrome.
    assert before <= 26


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=st.one_of(st.integers(-(10**7), 10**7), st.text(max_size=12)))
def test_any_interval_typed_is_saved_within_bounds_or_refused_in_chinese(
    client, editor, column, value
):
    client.force_login(editor)
    ColumnSchedule.objects.all().delete()
    add = reverse("wagtailsnippets_site_health_columnschedule:add")
    response = client.post(add, {"page": column.pk, "kind": "", "interval_days": str(value)})
    saved = ColumnSchedule.objects.first()
    if response.status_code == 302:
        assert saved is not None
        assert saved.interval_days is None or 1 <= saved.interval_days <= 3650
        assert str(value).strip() in {"", str(saved.interval_days)} or saved.interval_days == int(
            value
        )
    else:
        assert response.status_code == 200
        assert saved is None
        errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
        assert errors and all(any("\u4e00" <= c <= "\u9fff" for c in e.get_text()) for e in errors)


@pytest.mark.django_db
def test_a_schedule_is_for_a_column_only(client, editor, news_index):
    client.force_login(editor)
    add = reverse("wagtailsnippets_site_health_columnschedule:add")
    response = client.post(add, {"page": news_index.pk, "kind": "", "interval_days": "7"})
    assert response.status_code == 200
    assert "请选择新闻栏目、通知公告、政策法规库或首页。" in response.content.decode()
    assert not ColumnSchedule.objects.exists()

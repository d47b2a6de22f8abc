"""Editors publish; contributors add, edit their own and submit, and nothing more."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsPage
from news.roles import CONTRIBUTORS, EDITORS, setup_roles
from tests import factories

pytestmark = pytest.mark.django_db


def article_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "",
            "source": "苏州工业园区管委会",
            "authors": "张伟",
            "editor": "",
            "publish_time": "2020-03-19 10:38",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>园区新闻。</p>"))]),
            "tags": "",
            "comments": inline_formset([]),
            action: "on",
        }
    )


def add_url(column):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", column.pk])


@pytest.fixture
def live_article(column):
    return factories.NewsPageFactory(parent=column, title="已发布的文章")


def test_the_migration_leaves_only_the_portals_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, CONTRIBUTORS} <= names
    assert not names & {"Editors", "Moderators"}


def test_setup_roles_is_idempotent(editorial_roles, column, capsys):
    before = sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission"))
    call_command("setup_roles")
    call_command("setup_roles")
    after = sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission"))
    assert before == after
    assert "Roles ready" in capsys.readouterr().out


def test_contributors_add_and_submit_but_cannot_publish(client, contributor, column):
    client.force_login(contributor)
    assert client.get(add_url(column)).status_code == 200

    client.post(add_url(column), article_form("投稿人提交的文章", "action-publish"))
    attempted = NewsPage.objects.get(title="投稿人提交的文章")
    assert not attempted.live

    client.post(add_url(column), article_form("送审的文章", "action-submit"))
    submitted = NewsPage.objects.get(title="送审的文章")
    assert not submitted.live
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    edit = reverse("wagtailadmin_pages:edit", args=[attempted.pk])
    client.post(edit, article_form("投稿人提交的文章", "action-publish"))
    attempted.refresh_from_db()
    assert not attempted.live


def test_contributors_cannot_unpublish_or_delete_others_pages(client, contributor, live_article):
    client.force_login(contributor)
    for view in ("unpublish", "delete"):
        url = reverse(f"wagtailadmin_pages:{view}", args=[live_article.pk])
        assert client.get(url).status_code in (302, 403)
        client.post(url)
    live_article.refresh_from_db()
    assert live_article.live


def test_contributors_cannot_edit_others_pages_or_add_columns(
    client, contributor, live_article, news_index
):
    client.force_login(contributor)
    edit = reverse("wagtailadmin_pages:edit", args=[live_article.pk])
    assert client.get(edit).status_code in (302, 403)
    add_column = reverse("wagtailadmin_pages:add", args=["news", "newscategorypage", news_index.pk])
    assert client.get(add_column).status_code in (302, 403)


def test_contributors_cannot_reach_settings_users_or_groups(client, contributor):
    client.force_login(contributor)
    assert reverse("personal_data") not in client.get(reverse("wagtailadmin_home")).content.decode()
    for url in (
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailsettings:edit", args=["association", "privacysettings"]),
        reverse("wagtailsnippets_association_sensitiveword:list"),
        reverse("wagtailsnippets_news_submission:list"),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_editors_publish_and_unpublish(client, editor, column, live_article):
    client.force_login(editor)
    client.post(add_url(column), article_form("编辑发布的文章", "action-publish"))
    assert NewsPage.objects.get(title="编辑发布的文章").live

    client.post(reverse("wagtailadmin_pages:unpublish", args=[live_article.pk]))
    live_article.refresh_from_db()
    assert not live_article.live


def test_a_column_created_in_the_admin_is_open_to_contributors(
    client, editorial_roles, contributor, news_index, django_user_model
):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=["news", "newscategorypage", news_index.pk])
    data = nested_form_data(
        {
            "title": "媒体聚焦",
            "slug": "media",
            "intro": rich_text("<p>媒体报道。</p>"),
            "comments": inline_formset([]),
            "action-publish": "on",
        }
    )
    assert client.post(url, data).status_code == 302
    new_column = news_index.get_children().get(slug="media")

    client.force_login(contributor)
    assert client.get(add_url(new_column)).status_code == 200


def test_no_api_is_mounted(client, home):
    for url in ("/api/", "/api/v2/pages/", "/api/v2/pages/1/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"live": "true"}).status_code in (403, 404, 405)


def test_setup_roles_strips_extra_contributor_page_permissions(editorial_roles, home):
    contributors = Group.objects.get(name=CONTRIBUTORS)
    GroupPagePermission.objects.create(group=contributors, page=home, permission_type="publish")
    setup_roles()
    assert not GroupPagePermission.objects.filter(group=contributors, page=home).exists()


def test_editors_reach_the_association_admin_screens(client, editor):
    client.force_login(editor)
    for url in (
        reverse("wagtailsnippets_association_message:list"),
        reverse("wagtailsnippets_association_memberunit:list"),
        reverse("wagtailsnippets_association_memberunit:add"),
        reverse("wagtailsnippets_association_sensitiveword:add"),
        reverse("wagtailsnippets_news_submission:list"),
        reverse("wagtailsettings:edit", args=["association", "privacysettings"]),
        reverse("personal_data"),
    ):
        assert client.get(url, follow=True).status_code == 200, url
    # The sidebar menu is JSON for the admin's script: look for the desk's address there.
    assert reverse("personal_data") in client.get(reverse("wagtailadmin_home")).content.decode()

"""An editor changes the site settings and the link directory in the admin, in Chinese,
and readers see the change on their next page view."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html

from portal.site.models import DirectoryLink, LinkGroup


@pytest.fixture
def editor(client, home):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def footer_text(client):
    client.get("/")  # warm the chrome's cache first, so the test sees it cleared
    page = BeautifulSoup(client.get("/").content, "html.parser")
    return " ".join(page.select_one(".site-footer").get_text(" ").split())


def test_editor_changes_site_settings(editor, home):
    assert "京ICP备" not in footer_text(editor)
    site = Site.objects.get(root_page=home)
    url = f"/admin/settings/portal/sitesettings/{site.pk}/"
    form_page = editor.get(url)
    assert form_page.status_code == 200
    for label in ["网站名称", "微信公众号", "QQ交流群号", "ICP备案号", "公安备案号", "版权声明"]:
        assert label in form_page.content.decode()

    data = querydict_from_html(form_page.content.decode(), form_id="w-editor-form")
    data["site_name"] = "中国开发区协会网站"
    data["icp_number"] = "京ICP备12345678号-1"
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert "京ICP备12345678号-1" in footer_text(editor)
    assert "中国开发区协会网站 版权所有" in footer_text(editor)


def test_editor_gets_a_clear_message_for_a_wrong_qq_group(editor, home):
    site = Site.objects.get(root_page=home)
    url = f"/admin/settings/portal/sitesettings/{site.pk}/"
    data = querydict_from_html(editor.get(url).content.decode(), form_id="w-editor-form")
    data["qq_group"] = "QQ123"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "QQ 群号为 5 至 12 位数字。" in response.content.decode()


def test_editor_adds_a_link_group_with_links(editor, home):
    first = LinkGroup(name="政府部门")
    first.links = [DirectoryLink(name="商务部", url="http://www.mofcom.gov.cn/")]
    first.save()
    listing = editor.get("/admin/snippets/portal/linkgroup/")
    assert listing.status_code == 200 and "链接目录" in listing.content.decode()
    add_url = "/admin/snippets/portal/linkgroup/add/"
    form_page = editor.get(add_url).content.decode()
    assert "分组名称" in form_page and "链接" in form_page
    data = querydict_from_html(form_page, form_id="w-editor-form")
    data.update(
        {
            "name": "新闻媒体",
            "links-TOTAL_FORMS": "2",
            "links-0-name": "新华网",
            "links-0-url": "http://www.news.cn/",
            "links-0-ORDER": "1",
            "links-1-name": "南都网",
            "links-1-url": "",
            "links-1-ORDER": "2",
        }
    )
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    group = LinkGroup.objects.get(name="新闻媒体")
    assert [(link.name, link.url) for link in group.links.all()] == [
        ("新华网", "http://www.news.cn/"),
        ("南都网", ""),
    ]
    # The new group comes last: tabs, then each group's links.
    assert footer_text(editor).startswith(
        "政府部门 新闻媒体 政府部门 商务部 新闻媒体 新华网 南都网"
    )
    listing = editor.get("/admin/snippets/portal/linkgroup/").content.decode()
    assert "链接数" in listing and "新闻媒体" in listing

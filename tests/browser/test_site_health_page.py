"""An editor finds 网站健康自查 in the admin menu of the demo site and follows a line to
where it is fixed."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.helpers import SHOTS

PASSWORD = "kai-fa-qu-2020-jian-cha"


def test_an_editor_opens_the_self_check_from_the_menu(demo_server, page):
    User = get_user_model()
    editor = User.objects.create_user("bianji-health", "health@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="编辑"))
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(demo_server.url + "/admin/login/")
        page.get_by_label("用户名").fill(editor.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name="网站健康自查").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("网站健康自查")
        headings = page.locator(".site-health-section h2")
        expect(headings.first).to_contain_text("栏目更新不及时")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "site-health.png", full_page=True)
        # The demo's articles are years old: its columns are overdue.
        fix = page.locator("#health-stale .site-health-lines a").first
        fix.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.url.startswith(demo_server.url + "/admin/pages/")
    finally:
        editor.delete()

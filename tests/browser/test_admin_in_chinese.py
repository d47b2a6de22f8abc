"""An editor walks the admin screens of a working day in Chromium, and meets no English.

What the test reads is what the editor sees: the page's visible text once its scripts
have drawn it (the sidebar, the block picker, dialogs), with the placeholders of the
fields. A run of Latin letters is English unless it is a name or a technical token."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Site

from news.models import NewsCategoryPage, NewsPage
from portal.core.tree import add_child_page

PASSWORD = "kai-fa-qu-2020-bian-ji"
# Names and tokens an editor may meet in Latin letters, as they are spelt on screen.
ALLOWED = {
    # file types, units and standards
    "PDF", "JPG", "JPEG", "PNG", "GIF", "WEBP", "AVIF", "SVG", "ICO", "OFD", "DOC", "DOCX",
    "WPS", "XLS", "XLSX", "CSV", "JSON", "HTML", "URL", "API", "ID", "KB", "MB", "GB",
    "px", "SEO", "QQ", "ICP", "AppID", "JS", "SDK", "OpenGraph", "alt",
    # names
    "WeChat", "AppSecret", "English",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def english_in(text, allowed=frozenset()):
    """The words of `text` in Latin letters that are not names or technical tokens. Slugs,
    file names, addresses and e-mail addresses (letters joined by - . / @ _ or digits) are
    tokens; so are the editor's own user names, given in `allowed`."""
    found = []
    for token in re.split(r"[\s,，。:：;；()（）“”\"'「」《》、|·•…]+", text):
        if not token or re.search(r"[\d\-./@_=#%&?]", token):
            continue
        for word in WORD.findall(token):
            if word not in ALLOWED and word not in allowed:
                found.append(word)
    return found


VISIBLE_TEXT = """() => {
  const parts = [document.title, document.body.innerText];
  for (const field of document.querySelectorAll('[placeholder]')) {
    if (field.checkVisibility()) parts.push(field.getAttribute('placeholder'));
  }
  for (const button of document.querySelectorAll('input[type=submit], input[type=button]')) {
    // Wagtail's header search has a hidden submit button, hard-coded "Search" (w-sr-only).
    if (button.checkVisibility() && !button.closest('.w-sr-only')) parts.push(button.value);
  }
  return parts.join('\\n');
}"""


class Walk:
    def __init__(self, page, base_url, allowed):
        self.page, self.base_url, self.allowed, self.english = page, base_url, allowed, {}

    def report(self):
        lines = [
            f"{what}: {line.strip()[:160]}" for what, seen in self.english.items() for line in seen
        ]
        return "English on screen:\n" + "\n".join(lines)

    def read(self, what):
        self.page.wait_for_load_state("networkidle")
        text = self.page.evaluate(VISIBLE_TEXT)
        words = english_in(text, self.allowed)
        if words:
            lines = [line for line in text.splitlines() if english_in(line, self.allowed)]
            self.english[what] = lines[:12]

    def visit(self, path, what):
        response = self.page.goto(self.base_url + path)
        assert response.ok, f"{what}: {path} answered {response.status}"
        self.read(what)


@pytest.fixture
def people(demo_server):
    """An editor (group 编辑) and the site's administrator, removed afterwards."""
    User = get_user_model()
    editor = User.objects.create_user("bianji-walk", "bianji@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="编辑"))
    admin = User.objects.create_superuser("guanli-walk", "guanli@example.org", PASSWORD)
    yield editor, admin
    User.objects.filter(pk__in=[editor.pk, admin.pk]).delete()


@pytest.fixture
def in_review(people, demo_server):
    """A contributor's draft article waiting for the editors' review, removed afterwards."""
    editor, admin = people
    column = NewsCategoryPage.objects.live().first()
    draft = add_child_page(column, NewsPage(title="园区招商新政解读（待审核）", live=False))
    draft.save_revision(user=admin)
    column.get_workflow().start(draft, admin)
    yield draft
    draft.delete()


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def walk_the_page_editor(walk, column):
    page = walk.page
    walk.visit(f"/admin/pages/add/news/newspage/{column.pk}/", "新建文章")
    # Every block type of the body, each drawn by the admin's scripts.
    blocks = page.locator("[data-contentpath=body]")
    for label in ("段落", "小标题", "图片", "表格", "附件"):
        blocks.get_by_role("button", name="插入内容块").last.click()
        walk.read(f"内容块菜单（{label}）")
        page.get_by_role("option", name=label).click()
    walk.read("新建文章的全部内容块")
    page.get_by_role("button", name="保存草稿").click()  # no title: the error banner
    expect(page.locator(".messages")).to_contain_text("页面有错误，未能创建")
    walk.read("保存出错")

    article = NewsPage.objects.child_of(column).live().first()
    walk.visit(f"/admin/pages/{article.pk}/edit/", "编辑文章")
    page.get_by_role("button", name="更多动作").click()
    walk.read("发布菜单")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="状态开关").click()
    walk.read("状态面板")
    page.get_by_role("button", name="设置定时发布").first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    walk.read("定时发布对话框")


def test_an_editor_meets_no_english(demo_server, page, people, in_review):
    editor, admin = people
    page.set_viewport_size({"width": 1280, "height": 900})
    hosts = set(Site.objects.values_list("hostname", flat=True))  # shown on 站点
    walk = Walk(page, demo_server.url, {editor.username, admin.username, *hosts})
    walk.visit("/admin/login/", "登录")
    walk.visit("/admin/password_reset/", "找回密码")
    log_in(page, demo_server.url, editor.username)
    column = NewsCategoryPage.objects.live().first()
    article = NewsPage.objects.child_of(column).live().first()
    for path, what in [
        ("/admin/", "控制面板"),
        (f"/admin/pages/{column.pk}/", "页面浏览"),
        ("/admin/pages/search/?q=开发区", "页面搜索"),
        (f"/admin/pages/{article.pk}/history/", "页面历史"),
        (f"/admin/pages/{article.pk}/usage/", "页面引用"),
        (f"/admin/pages/{in_review.pk}/edit/", "审核中的页面"),
        (f"/admin/pages/{in_review.pk}/workflow_history/", "审核记录"),
        ("/admin/images/", "图片"),
        ("/admin/documents/", "文档"),
        ("/admin/snippets/", "片段"),
        ("/admin/workflows/tasks/index/", "审核任务"),
        ("/admin/reports/locked/", "已锁定页面"),
        ("/admin/reports/site-history/", "站点历史"),
        ("/admin/reports/aging-pages/", "久未更新页面"),
        ("/admin/reports/workflow/", "审核报告"),
        ("/admin/account/", "账号"),
        ("/admin/site-health/", "网站健康自查"),
        ("/admin/snippets/site_health/columnschedule/", "栏目更新周期"),
    ]:
        walk.visit(path, what)
    walk.visit(f"/admin/pages/{in_review.pk}/edit/", "审核")
    page.get_by_role("button", name="更多动作").click()
    expect(page.get_by_role("button", name="批准").first).to_be_visible()
    walk.read("审核操作")
    walk_the_page_editor(walk, column)

    log_in_again = page.context.clear_cookies
    log_in_again()
    log_in(page, demo_server.url, admin.username)
    for path, what in [
        ("/admin/", "控制面板（管理员）"),
        ("/admin/users/", "用户"),
        (f"/admin/users/edit/{editor.pk}/", "编辑用户"),
        ("/admin/groups/", "用户组"),
        ("/admin/workflows/list/", "审核流程"),
        ("/admin/settings/portal/sitesettings/", "网站设置"),
        ("/admin/redirects/", "重定向"),
        ("/admin/searchpicks/", "推荐结果"),
        ("/admin/reports/page-types-usage/", "页面类型统计"),
        ("/admin/collections/", "集合"),
        ("/admin/sites/", "站点"),
        (f"/admin/sites/edit/{Site.objects.get(is_default_site=True).pk}/", "编辑站点"),
        ("/admin/sites/new/", "添加站点"),
    ]:
        walk.visit(path, what)

    assert not walk.english, walk.report()

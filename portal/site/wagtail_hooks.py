"""Admin additions of the site-wide pieces: the link directory, the help menu, the
content checks in the page editor, and the annual report."""

from django.contrib import messages
from django.db import models
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.admin_menus import PermissionMenuItem
from portal.core.forms import SUBMISSION_CHECKS_HOOK
from portal.site.annual_report import REPORT_PERMISSION, annual_report_view
from portal.site.content_checks import blocking, findings_for, findings_for_pages
from portal.site.models import LinkGroup


class LinkGroupViewSet(SnippetViewSet):
    model = LinkGroup
    icon = "link"
    menu_label = "链接目录"
    menu_name = "link-directory"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", Column("link_count", label="链接数")]
    search_fields = ["name"]

    def get_queryset(self, request):
        return LinkGroup.objects.annotate(link_count=models.Count("links"))


register_snippet(LinkGroupViewSet)


@hooks.register("construct_help_menu")
def keep_help_on_the_site(request, menu_items):
    """Drop Wagtail's links to its English guide and release notes on wagtail.org; the
    keyboard shortcuts stay."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


# 内容检查 in the page editor (docs/content-checks.md): the saved draft's findings on
# opening it; 发布 of a page with 敏感词 only once an editor has confirmed those words;
# no 提交审核 with 敏感词 for who may not publish (投稿人).
CONFIRM_FIELD = "content_checks_confirmed"


def may_publish(page, user, parent):
    if page.pk:
        return page.permissions_for_user(user).can_publish()
    return parent.permissions_for_user(user).can_publish_subpage()


def confirm_token(found):
    """What the confirmation box carries: the words confirmed, so that a word added after
    the editor looked needs confirming again."""
    return "|".join(sorted({finding.value for finding in found}))


@hooks.register("before_edit_page")
def show_content_checks(request, page):
    if request.method != "GET":
        return
    findings = findings_for(page)
    if not findings:
        return
    found = blocking(findings)
    context = {
        "findings": findings,
        "blocking": found,
        "may_publish": may_publish(page, request.user, None),
        "confirm_field": CONFIRM_FIELD,
        "confirm_token": confirm_token(found),
    }
    messages.warning(request, render_to_string("portal/admin/content_checks.html", context))


@hooks.register("before_publish_page")
def confirm_sensitive_words_before_publishing(request, page):
    """Runs once the draft is saved: refusing keeps it, and its editor shows the box."""
    found = blocking(findings_for(page))
    if found and request.POST.get(CONFIRM_FIELD) != confirm_token(found):
        keep_new_page_a_draft(page)
        words = "、".join(sorted({finding.value for finding in found}))
        messages.error(
            request,
            f"未发布：这一稿含有敏感词（{words}），草稿已保存。"
            "请删改，或在页面上方勾选“确认仍要发布”后再点“发布”。",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_sensitive_words(request, action_type, objects, action):
    """批量发布 has no confirmation box: pages whose draft has 敏感词 are published one by
    one from their editor, where the editor confirms the words."""
    if action_type != "publish" or request.method != "POST":
        return None
    drafts = [page.specific.get_latest_revision_as_object() for page in objects]
    found = findings_for_pages(drafts)  # a few queries for the whole batch
    flagged = [draft.title for draft, findings in found.items() if blocking(findings)]
    if not flagged:
        return None
    messages.error(
        request,
        f"未批量发布：{'、'.join(f'“{title}”' for title in flagged)}含有敏感词。"
        "请逐一打开这些页面，核对并勾选“确认仍要发布”后发布。",
    )
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("wagtailadmin_explore_root")
    return redirect(back)


def keep_new_page_a_draft(page):
    """Wagtail's create view adds the page live before this hook runs: one never
    published goes back to being a draft (on the edit view it is as it was)."""
    if page.live and page.live_revision_id is None:
        page.live, page.has_unpublished_changes = False, True
        page.save(update_fields=["live", "has_unpublished_changes"], clean=False)


@hooks.register(SUBMISSION_CHECKS_HOOK)
def refuse_sensitive_words_in_submissions(page, user, parent_page):
    if may_publish(page, user, parent_page):
        return []
    return [
        f"不能提交审核：{finding.where}含有敏感词“{finding.value}”，请删改后再提交。"
        for finding in blocking(findings_for(page))
    ]


@hooks.register("register_admin_urls")
def annual_report_urls():
    return [path("reports/annual/", annual_report_view, name="annual_report")]


@hooks.register("register_reports_menu_item")
def annual_report_menu_item():
    return PermissionMenuItem(
        "网站年度报表",
        reverse("annual_report"),
        icon_name="table",
        order=400,
        permission=REPORT_PERMISSION,
    )

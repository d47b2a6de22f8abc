"""News in the admin: the submission records, roles kept in step with the tree, and a
warning on drafts that came in with a sensitive word."""

from django.contrib import messages
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategoryPage, NewsIndexPage, Submission
from news.roles import setup_roles


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "draft"
    menu_label = "投稿记录"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["reference", "title", "source", "name", "created_at", "flagged_words"]
    search_fields = ["reference", "title", "source", "name"]
    inspect_view_enabled = True
    panels = [
        FieldPanel(name, read_only=True)
        for name in ("reference", "title", "source", "page", "name", "phone", "email", "created_at")
    ] + [FieldPanel("flagged_words")]


register_snippet(SubmissionViewSet)


@hooks.register("after_create_page")
def grant_roles_on_new_news_section(request, page):
    if isinstance(page.specific, NewsIndexPage | NewsCategoryPage):
        setup_roles()


@hooks.register("before_edit_page")
def warn_about_flagged_submission(request, page):
    if request.method != "GET":
        return
    submission = Submission.objects.filter(page_id=page.pk).exclude(flagged_words="").first()
    if submission:
        messages.warning(
            request,
            f"此稿件来自公开投稿（{submission.reference}），含敏感词：{submission.flagged_words}。"
            "请仔细审核后再决定是否发布。",
        )

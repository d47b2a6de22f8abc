"""News in the admin: the submission records, roles kept in step with the tree, and a
warning on drafts that came in with a sensitive word."""

from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.legacy.word.views import import_word
from news.models import NewsCategoryPage, NewsIndexPage, NewsPage, Submission
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


@hooks.register("register_admin_urls")
def word_import_urls():
    return [path("news/word-import/<int:column_id>/", import_word, name="news_word_import")]


def word_import_button(column, user, priority):
    if column.permissions_for_user(user).can_add_subpage():
        url = reverse("news_word_import", args=[column.pk])
        yield Button("从Word导入", url=url, icon_name="doc-full", priority=priority)


@hooks.register("register_page_listing_more_buttons")
def word_import_on_column_rows(page, user, next_url=None):
    if issubclass(page.specific_class or object, NewsCategoryPage):
        yield from word_import_button(page, user, priority=9)


@hooks.register("register_page_header_buttons")
def word_import_in_column_and_article_headers(page, user, view_name, next_url=None):
    """On a column (its listing and its editor), and in an article's editor for its column."""
    if issubclass(page.specific_class or object, NewsCategoryPage):
        yield from word_import_button(page, user, priority=16)
    elif issubclass(page.specific_class or object, NewsPage) and view_name == "edit":
        column = NewsCategoryPage.objects.filter(pk=page.specific_deferred.column_id).first()
        if column is not None:
            yield from word_import_button(column, user, priority=16)

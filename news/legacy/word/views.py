"""从Word导入 in the admin: a .docx uploaded on a column becomes a draft article there,
and the editor lands on the draft to check and publish it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from news.legacy.word.draft import create_draft
from news.legacy.word.form import WordImportForm
from news.models import NewsCategoryPage


def import_word(request, column_id):
    column = get_object_or_404(NewsCategoryPage, pk=column_id)
    if not column.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    form = WordImportForm()
    if request.method == "POST":
        form = WordImportForm(request.POST, request.FILES)
    if form.is_bound and form.is_valid():
        article = form.article
        try:
            page = create_draft(article, column, request.user)
        except (ValidationError, DatabaseError) as error:
            reason = "；".join(getattr(error, "messages", [])) or "数据库暂时无法写入，请稍后重试"
            form.add_error("document", f"草稿未能保存，什么也没有写入：{reason}")
        else:
            messages.success(
                request,
                f"已从“{form.cleaned_data['document'].name}”生成草稿《{page.title}》"
                f"{contents(article)}。请核对后发布。",
            )
            for warning in article.warnings:
                messages.warning(request, warning)
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "news/admin/word_import.html", {"form": form, "column": column}
    )


def contents(article):
    """ "（2 个小标题、3 张图片）": what came in besides the text, for the editor to check."""
    counts = [
        (article.count("heading"), "个小标题"),
        (article.count("image"), "张图片"),
        (article.count("table"), "个表格"),
    ]
    shown = "、".join(f"{number} {unit}" for number, unit in counts if number)
    return f"（{shown}）" if shown else ""

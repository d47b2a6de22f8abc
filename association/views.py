"""The association's admin views: the personal-data desk (find, export or erase one
person's data) and 留言统计."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from association.deadlines import due_soon_messages, overdue_messages
from association.models import MessageYearFigures
from association.privacy import erase_person, export_person, rows_to_csv, rows_to_json

PERMISSION = "association.manage_personal_data"
logger = logging.getLogger(__name__)


class PersonDataForm(forms.Form):
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    confirm = forms.BooleanField(label="确认删除此人的全部个人信息（不可恢复）", required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone", "").strip() and not cleaned.get("email"):
            raise forms.ValidationError("请填写联系电话或电子邮箱。")
        return cleaned


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def personal_data(request):
    # POST only for lookups: a phone number or e-mail never lands in a URL or access log.
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = PersonDataForm(request.POST if request.method == "POST" else None)
    rows = None
    if form.is_valid():
        phone, email = form.cleaned_data["phone"], form.cleaned_data["email"]
        action = request.POST.get("action")
        if action == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", "删除前请勾选确认。")
            else:
                counts = erase_person(phone, email)
                logger.info("personal data erased by %s: %s", request.user, counts)
                summary = "，".join(f"{kind} {count} 条" for kind, count in counts.items())
                messages.success(request, f"已删除此人的个人信息：{summary}。")
                return redirect("personal_data")
        rows = export_person(phone, email)
        if action == "json":
            return download(rows_to_json(rows), "personal-data.json", "application/json")
        if action == "csv":
            return download(rows_to_csv(rows), "personal-data.csv", "text/csv")
    return TemplateResponse(
        request, "association/admin/personal_data.html", {"form": form, "rows": rows}
    )


def message_figures(request):
    """留言统计: the yearly figures, and how many messages are overdue or due soon now."""
    if not request.user.has_perm("association.view_message"):
        raise PermissionDenied
    today = timezone.localdate()
    listing = reverse("wagtailsnippets_association_message:list")
    context = {
        "figures": MessageYearFigures.objects.all(),
        "overdue": overdue_messages(today).count(),
        "due_soon": due_soon_messages(today).count(),
        "overdue_url": f"{listing}?deadline=overdue",
        "due_soon_url": f"{listing}?deadline=due_soon",
    }
    return TemplateResponse(request, "association/admin/message_figures.html", context)

"""Personal data (PIPL): what the portal keeps about people, for how long, and their rights.

Writers of 留言 and contributors of 投稿 leave a name and a phone number or e-mail. Those
details are shown only to editors, exported or erased per person on request (admin
设置 › 个人信息查询, or `manage.py personal_data`), and purged once older than the
retention period set in 设置 › 个人信息保护 by `manage.py purge_personal_data`, run daily.
"""

import csv
import datetime
import io
import json
import re

from django import forms
from django.apps import apps
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

from portal.public_forms import HoneypotField

# Every model that keeps a person's contact details; each extends ContactRecord.
PERSONAL_DATA_MODELS = ("association.Message", "news.Submission")
EXPORT_COLUMNS = ("类型", "编号", "提交时间", "姓名", "联系电话", "电子邮箱", "同意时间", "内容")
PHONE_NOISE = re.compile(r"[\s\-()（）]")
PHONE = re.compile(r"^\+?\d{5,20}$")


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    retention_days = models.PositiveIntegerField(
        "个人信息保存期限（天）",
        default=365,
        validators=[MinValueValidator(1)],
        help_text="留言和投稿中的姓名、电话、电子邮箱保存的天数；期满由每日任务清除，"
        "未公开的留言整条删除。",
    )
    notice = RichTextField(
        "个人信息保护说明",
        blank=True,
        features=["bold", "link"],
        help_text="显示在留言和投稿表单的同意选项旁；留空则显示默认说明。",
    )

    class Meta:
        app_label = "association"
        verbose_name = "个人信息保护"
        permissions = [("manage_personal_data", "查询、导出和删除个人信息")]


def local_iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def normalize_phone(phone):
    return PHONE_NOISE.sub("", phone or "")


class ContactRecord(models.Model):
    """Who wrote something, and how to reach them: visible to editors only."""

    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20, blank=True, db_index=True)
    email = models.EmailField("电子邮箱", blank=True, db_index=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    consented_at = models.DateTimeField("同意个人信息保护说明的时间", null=True, blank=True)
    contact_erased_at = models.DateTimeField("个人信息清除时间", null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.phone = normalize_phone(self.phone)
        super().save(*args, **kwargs)

    @classmethod
    def of_person(cls, phone="", email=""):
        match = Q(pk__in=[])
        if normalize_phone(phone):
            match |= Q(phone=normalize_phone(phone))
        if email.strip():
            match |= Q(email__iexact=email.strip())
        return cls.objects.filter(match)

    def content_for_export(self):
        raise NotImplementedError

    def shown_to_readers(self):
        """Whether readers see this record on the site (a new hidden one leaves every
        cached page as it is: portal/cache_invalidation.py)."""
        return False

    def export_row(self):
        values = (
            self._meta.verbose_name,
            self.pk,
            local_iso(self.created_at),
            self.name,
            self.phone,
            self.email,
            local_iso(self.consented_at),
            self.content_for_export(),
        )
        return dict(zip(EXPORT_COLUMNS, values, strict=True))

    @staticmethod
    def blank_contacts(records):
        return records.update(name="", phone="", email="", contact_erased_at=timezone.now())

    @classmethod
    def erase(cls, records):
        """A person asked for deletion: remove what identifies them."""
        return cls.blank_contacts(records)

    @classmethod
    def purge(cls, cutoff):
        """Records older than `cutoff` lose their contact details."""
        expired = cls.objects.filter(created_at__lt=cutoff, contact_erased_at__isnull=True)
        return cls.blank_contacts(expired)


def personal_data_models():
    return [apps.get_model(label) for label in PERSONAL_DATA_MODELS]


def export_person(phone="", email=""):
    return [
        record.export_row()
        for model in personal_data_models()
        for record in model.of_person(phone, email).order_by("created_at")
    ]


def rows_to_json(rows):
    return json.dumps(rows, ensure_ascii=False, indent=2)


def rows_to_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read the UTF-8 as such


@transaction.atomic
def erase_person(phone="", email=""):
    """{record kind: count} of what was erased for the person with this phone or e-mail."""
    return {
        str(model._meta.verbose_name): model.erase(model.of_person(phone, email))
        for model in personal_data_models()
    }


@transaction.atomic
def purge_expired(now=None):
    days = PrivacySettings.load().retention_days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    counts = {
        str(model._meta.verbose_name): model.purge(cutoff) for model in personal_data_models()
    }
    return cutoff, counts


class ContactForm(forms.Form):
    """The fields every public form asks of a person, with consent and a honeypot."""

    name = forms.CharField(
        label="姓名", max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text="联系电话和电子邮箱至少填写一项，仅编辑可见。",
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label="我已阅读并同意个人信息保护说明",
        error_messages={"required": "请阅读并勾选同意个人信息保护说明。"},
    )
    website = HoneypotField()

    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请填写正确的电话号码，例如 13800138000 或 010-12345678。")
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.has_error("email"):
            self.add_error("phone", "请填写联系电话或电子邮箱（至少一项），以便我们与您联系。")
        return cleaned

    def contact_details(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "phone": data["phone"],
            "email": data["email"],
            "consented_at": timezone.now(),
        }

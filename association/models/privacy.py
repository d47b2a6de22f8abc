"""Personal data (PIPL) in the database: the retention setting, and the contact details
every record of a person's carries."""

import re

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

EXPORT_COLUMNS = ("类型", "编号", "提交时间", "姓名", "联系电话", "电子邮箱", "同意时间", "内容")
PHONE_NOISE = re.compile(r"[\s\-()（）]")


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
        cached page as it is: portal/caching/invalidation.py)."""
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

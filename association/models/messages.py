"""留言: a reader's message, its moderation and the editor's reply."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from association.models.privacy import ContactRecord
from portal.caching.tags import ANY_CONTENT


class MessageQuerySet(models.QuerySet):
    def public(self):
        return self.filter(
            status=Message.Status.PUBLIC, allow_public=True, flagged_words=""
        ).order_by("-created_at", "-pk")


class Message(ContactRecord):
    # Shown on the message board, which says it shows any content (portal/caching).
    invalidates = (ANY_CONTENT,)

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        PUBLIC = "public", "公开"
        PRIVATE = "private", "不公开"

    subject = models.CharField("主题", max_length=100)
    body = models.TextField("留言内容", max_length=2000)
    allow_public = models.BooleanField(
        "留言人意愿",
        default=True,
        choices=[(True, "同意公开"), (False, "不同意公开")],
        help_text="留言人不同意时只能回复，不能公开。",
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # A text field: the words found depend on what the sender wrote, however many.
    flagged_words = models.TextField(
        "检出的敏感词",
        blank=True,
        help_text="提交时检出的敏感词。复核无误后清空此项，留言方可公开。",
    )
    reply = models.TextField("回复", max_length=5000, blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "留言"
        verbose_name_plural = "留言"

    def __str__(self):
        return self.subject

    def shown_to_readers(self):
        return self.status == self.Status.PUBLIC

    def clean(self):
        if self.status != self.Status.PUBLIC:
            return
        if self.flagged_words:
            raise ValidationError({"flagged_words": "该留言含敏感词，请复核后清空此项再公开。"})
        if not self.allow_public:
            raise ValidationError({"status": "留言人不同意公开，请选择“不公开”。"})

    def save(self, *args, **kwargs):
        if not self.reply:
            self.replied_at = None
        elif not self.replied_at:
            self.replied_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def public_name(self):
        """The name as the board shows it: the first character, the rest masked."""
        return f"{self.name[0]}**" if self.name else "网友"

    def content_for_export(self):
        return f"{self.subject}\n{self.body}"

    @classmethod
    def erase(cls, records):
        return records.delete()[0]

    @classmethod
    def purge(cls, cutoff):
        unpublished = cls.objects.filter(created_at__lt=cutoff).exclude(status=cls.Status.PUBLIC)
        return unpublished.delete()[0] + super().purge(cutoff)

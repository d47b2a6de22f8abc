"""留言: a reader's message, its moderation and the editor's reply."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from association.models.deadlines import CalendarDay, MessageSettings, calendar_from, record_figures
from association.models.privacy import ContactRecord
from association.workdays import add_working_days, working_days_between
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
    due_date = models.DateField(
        "办理期限",
        null=True,
        blank=True,
        db_index=True,
        help_text="收到时按“留言办理”设置的工作日数和节假日日历算出；节假日日历改动时，未回复的留言随之重算。",
    )
    answer_working_days = models.PositiveIntegerField("回复用时（工作日）", null=True, blank=True)

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

    def is_shown_publicly(self):
        """Whether the board shows it (the rule of MessageQuerySet.public)."""
        return self.status == self.Status.PUBLIC and self.allow_public and not self.flagged_words

    @property
    def received_on(self):
        return timezone.localdate(self.created_at)

    def compute_due_date(self, calendar=None, working_days=None):
        received = self.received_on
        calendar = calendar_from(received) if calendar is None else calendar
        working_days = working_days or MessageSettings.load().working_days
        return add_working_days(received, working_days, calendar)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            # Locked: two editors saving one message at once must not count it twice.
            stored = Message.objects.select_for_update().filter(pk=self.pk)
            before = None if self._state.adding else stored.first()
            self.note_reply(before)
            if self.due_date is None:
                self.due_date = self.compute_due_date()
            super().save(*args, **kwargs)
            record_figures(before, self)

    def note_reply(self, before):
        """When the reply was written and how many working days it took."""
        if not self.reply:
            self.replied_at = self.answer_working_days = None
            return
        self.replied_at = self.replied_at or timezone.now()
        if (
            before is None
            or before.replied_at != self.replied_at
            or self.answer_working_days is None
        ):
            replied = timezone.localdate(self.replied_at)
            calendar = calendar_from(self.received_on)
            self.answer_working_days = working_days_between(self.received_on, replied, calendar)

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


def refresh_open_due_dates(**kwargs):
    """The calendar or the number of working days changed: unanswered messages' due dates
    follow (holidays are announced late in the year, after December's messages came)."""
    open_messages = list(Message.objects.filter(replied_at__isnull=True))
    if not open_messages:
        return
    calendar = calendar_from(min(message.received_on for message in open_messages))
    working_days = MessageSettings.load().working_days
    for message in open_messages:
        message.due_date = message.compute_due_date(calendar, working_days)
    Message.objects.bulk_update(open_messages, ["due_date"])


for model in (CalendarDay, MessageSettings):
    post_save.connect(refresh_open_due_dates, sender=model, dispatch_uid=f"due-dates-{model}")
    post_delete.connect(refresh_open_due_dates, sender=model, dispatch_uid=f"due-dates-{model}")

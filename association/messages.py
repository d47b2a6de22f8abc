"""留言: the public message board.

A message waits for moderation. Editors read it in the admin (留言), write a reply and
choose whether the exchange is public; the board shows public exchanges only, with the
writer's name masked and never their contact details. A message containing a listed
sensitive word is flagged and cannot be made public until an editor clears the flag.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone

from association.privacy import ContactForm, ContactRecord
from association.screening import find_sensitive_words
from portal.public_forms import RateLimit, answer_post, render_form_page

RATE_LIMIT = RateLimit("message", limit=5, period=600)
PER_PAGE = 10
SENT = "message_sent"


class MessageQuerySet(models.QuerySet):
    def public(self):
        return self.filter(
            status=Message.Status.PUBLIC, allow_public=True, flagged_words=""
        ).order_by("-created_at", "-pk")


class Message(ContactRecord):
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
    flagged_words = models.CharField(
        "检出的敏感词",
        max_length=200,
        blank=True,
        help_text="提交时检出的敏感词。复核无误后清空此项，留言方可公开。",
    )
    reply = models.TextField("回复", max_length=5000, blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        app_label = "association"
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


class MessageForm(ContactForm):
    subject = forms.CharField(label="主题", max_length=100)
    body = forms.CharField(
        label="留言内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
    allow_public = forms.BooleanField(
        label="同意公开我的留言和回复（不显示联系方式，姓名只显示首字）",
        required=False,
        initial=True,
    )

    field_order = ["subject", "body", "name", "phone", "email", "allow_public", "consent"]

    def save(self):
        data = self.cleaned_data
        return Message.objects.create(
            subject=data["subject"],
            body=data["body"],
            allow_public=data["allow_public"],
            flagged_words="，".join(find_sensitive_words(data["subject"], data["body"])),
            **self.contact_details(),
        )


def board_context(request):
    page_number = request.GET.get("page")
    return {"board": Paginator(Message.objects.public(), PER_PAGE).get_page(page_number)}


def serve_board(page, request):
    if request.method != "POST":
        sent = request.session.pop(SENT, False)
        return render_form_page(page, request, MessageForm(), sent=sent)
    return answer_post(page, request, MessageForm(request.POST), RATE_LIMIT, save_message, SENT)


def save_message(form):
    form.save()
    return True

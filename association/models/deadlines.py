"""留言 handled to a deadline: the working-day calendar editors keep, the number of working
days a message may wait, and the yearly figures of how messages were handled."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from association.workdays import HOLIDAY, WORKDAY


class CalendarDay(models.Model):
    """A day that breaks the weekend rule: a public holiday, or a weekend day worked."""

    # Deadlines are for editors; no page shows the calendar (portal/caching/invalidation.py).
    invalidates = ()

    class Kind(models.TextChoices):
        HOLIDAY = HOLIDAY, "放假"
        WORKDAY = WORKDAY, "调休上班"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    note = models.CharField("说明", max_length=50, blank=True, help_text="例如：春节、国庆节调休。")

    class Meta:
        ordering = ["date"]
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"

    def __str__(self):
        return f"{self.date:%Y年%m月%d日} {self.get_kind_display()}"

    def clean(self):
        if self.date is None:
            return
        weekend = self.date.weekday() >= 5
        if self.kind == WORKDAY and not weekend:
            raise ValidationError({"kind": "工作日本来就上班，只有周六、周日才需标记为调休上班。"})
        if self.kind == HOLIDAY and weekend and not self.note:
            # A weekend day is off anyway; marking it is harmless but usually a slip.
            raise ValidationError({"note": "周末本来就休息；如确属节假日，请在说明中写明节日。"})


@register_setting(icon="time")
class MessageSettings(BaseGenericSetting):
    # Deadlines and reminders are for editors; readers see none of it.
    invalidates = ()

    working_days = models.PositiveSmallIntegerField(
        "办理期限（工作日）",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="留言自收到次日起，须在这么多个工作日内回复（节假日与调休按“节假日与调休”日历计算）。",
    )
    remind_working_days = models.PositiveSmallIntegerField(
        "提前提醒（工作日）",
        default=2,
        validators=[MaxValueValidator(30)],
        help_text="到期前这么多个工作日起，每日提醒编辑尚未回复的留言；0 表示只提醒已超期的。",
    )

    class Meta:
        verbose_name = "留言办理"


class MessageYearFigures(models.Model):
    """How the messages received in one year were handled, kept as figures.

    Updated as each message is received, answered and published (Message.save), never
    recounted from the messages: the personal-data purge deletes old unpublished
    messages, and a person's erasure theirs, yet the year's figures stay as they were.
    """

    year = models.PositiveSmallIntegerField("年度", primary_key=True)
    received = models.PositiveIntegerField("收到留言", default=0)
    answered = models.PositiveIntegerField("已回复", default=0)
    shown = models.PositiveIntegerField("公开显示", default=0)
    working_days_total = models.PositiveIntegerField("回复用时合计（工作日）", default=0)
    calendar_days_total = models.PositiveIntegerField("回复用时合计（自然日）", default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = "留言年度统计"
        verbose_name_plural = "留言年度统计"

    def __str__(self):
        return f"{self.year}年"

    @staticmethod
    def average(total, count):
        return round(total / count, 1) if count else None

    @property
    def average_working_days(self):
        return self.average(self.working_days_total, self.answered)

    @property
    def average_calendar_days(self):
        return self.average(self.calendar_days_total, self.answered)


def calendar_from(start):
    """The calendar's exceptions from `start` on, as association.workdays reads them (a few
    dozen rows a year)."""
    return dict(CalendarDay.objects.filter(date__gte=start).values_list("date", "kind"))


def figures_of(message):
    """(year received, what the message adds to that year's figures)."""
    received = timezone.localdate(message.created_at)
    answered = message.replied_at is not None
    return received.year, {
        "received": 1,
        "answered": int(answered),
        "shown": int(message.is_shown_publicly()),
        "working_days_total": (message.answer_working_days or 0) if answered else 0,
        # Never negative, even for a reply dated before the message (imported data).
        "calendar_days_total": (
            max(0, (timezone.localdate(message.replied_at) - received).days) if answered else 0
        ),
    }


def record_figures(before, after):
    """Move a message's part of the yearly figures from its state `before` a save (None
    when new) to its state `after`."""
    deltas = {}
    for message, sign in ((before, -1), (after, 1)):
        if message is None:
            continue
        year, figures = figures_of(message)
        totals = deltas.setdefault(year, dict.fromkeys(figures, 0))
        for name, value in figures.items():
            totals[name] += sign * value
    for year, totals in deltas.items():
        changes = {name: Greatest(F(name) + delta, 0) for name, delta in totals.items() if delta}
        if changes:
            MessageYearFigures.objects.get_or_create(year=year)
            MessageYearFigures.objects.filter(year=year).update(**changes)

"""留言 deadlines: which messages are overdue or due soon, and the editors' daily reminder.

A message is due `MessageSettings.working_days` working days after the day it was
received (association/workdays.py, with the 节假日与调休 calendar editors keep) and is
handled once it has a reply. `remind_message_deadlines`, run daily, e-mails the editors
the unanswered messages that are overdue or due within `remind_working_days`.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from association.models import Message, MessageSettings
from association.models.deadlines import calendar_from
from association.workdays import add_working_days

EDITORS_GROUP = "编辑"


def unanswered():
    return Message.objects.filter(replied_at__isnull=True, due_date__isnull=False)


def overdue_messages(today):
    """Unanswered messages whose due date is before `today` (a date), oldest due first.

    Each has `due_date`, `subject`, `created_at` and an edit view at
    `edit_url(message)`; the site-health check and the reminder list these.
    """
    return unanswered().filter(due_date__lt=today).order_by("due_date", "pk")


def reminder_horizon(today, settings=None):
    """The last due date the reminder of `today` warns about."""
    settings = settings or MessageSettings.load()
    return add_working_days(today, settings.remind_working_days, calendar_from(today))


def due_soon_messages(today, settings=None):
    """Unanswered messages due from `today` up to the reminder horizon, soonest first."""
    horizon = reminder_horizon(today, settings)
    return (
        unanswered().filter(due_date__gte=today, due_date__lte=horizon).order_by("due_date", "pk")
    )


def edit_url(message):
    return reverse("wagtailsnippets_association_message:edit", args=[message.pk])


def editor_addresses():
    """Active editors' e-mail addresses: group 编辑 and superusers who have one."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = users.filter(groups__name=EDITORS_GROUP) | users.filter(is_superuser=True)
    return sorted(set(editors.values_list("email", flat=True)))


def send_reminder(today, base_url):
    """E-mail the editors today's overdue and due-soon messages; nothing when there are
    none. Returns (overdue count, due-soon count, recipients)."""
    overdue = list(overdue_messages(today))
    due_soon = list(due_soon_messages(today))
    recipients = editor_addresses()
    if not (overdue or due_soon) or not recipients:
        return len(overdue), len(due_soon), []
    context = {
        "today": today,
        "overdue": [(message, base_url + edit_url(message)) for message in overdue],
        "due_soon": [(message, base_url + edit_url(message)) for message in due_soon],
    }
    subject = f"留言办理提醒：{len(overdue)} 条已超期，{len(due_soon)} 条即将到期"
    body = render_to_string("association/email/message_deadlines.txt", context)
    send_mail(subject, body, None, recipients)
    return len(overdue), len(due_soon), recipients

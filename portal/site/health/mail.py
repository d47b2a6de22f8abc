"""The weekly e-mail of the self-check: the same sections and lines as the admin page,
each with the full address of where to fix it."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from portal.site.health.report import shown_time, site_health
from portal.site.health.views import PERMISSION


def recipients():
    """The addresses of the active users who may see the report (editors, administrators)."""
    users = (
        get_user_model()
        .objects.with_perm(
            PERMISSION, is_active=True, backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def health_email(now=None):
    now = now or timezone.now()
    sections = site_health(now)
    problems = sum(section.total for section in sections)
    subject = f"网站健康自查（{shown_time(now)[:11]}）：{problems} 项需要处理"
    body = render_to_string(
        "site_health/email.txt",
        {"sections": sections, "checked_at": shown_time(now)},
    )
    return EmailMessage(subject, body, to=recipients())


def send_health_email(now=None):
    """Send the report; returns the number of recipients (none: nothing sent)."""
    message = health_email(now)
    if message.to:
        message.send()
    return len(message.to)

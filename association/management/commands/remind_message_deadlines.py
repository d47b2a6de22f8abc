import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from association.deadlines import send_reminder


def parse_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式不正确：{text}，请写成 2026-03-19。") from None


class Command(BaseCommand):
    help = (
        "E-mail the editors the 留言 that are overdue or due soon (设置 › 留言办理). Run it "
        "daily from cron: 0 8 * * * /srv/portal/deploy/manage remind_message_deadlines"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=parse_date, help="as if today were this date")

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        overdue, due_soon, recipients = send_reminder(today, settings.WAGTAILADMIN_BASE_URL)
        sent = f"sent to {len(recipients)} editors" if recipients else "no e-mail sent"
        self.stdout.write(f"{today}: {overdue} overdue, {due_soon} due soon; {sent}.")

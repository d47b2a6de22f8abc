from django.core.management.base import BaseCommand
from django.utils import timezone

from association.privacy import purge_expired


class Command(BaseCommand):
    help = (
        "Purge personal data older than the retention period set in 设置 › 个人信息保护: "
        "contact details are erased and unpublished messages deleted. Run it daily, e.g. "
        "from cron: 30 3 * * * cd /srv/portal && .venv/bin/python manage.py purge_personal_data"
    )

    def handle(self, *args, **options):
        self.stdout.write("Purging expired personal data…")
        cutoff, counts = purge_expired()
        summary = ", ".join(f"{kind}: {count}" for kind, count in counts.items())
        when = timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(self.style.SUCCESS(f"Purged records older than {when}: {summary}."))

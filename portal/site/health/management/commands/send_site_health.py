from django.core.management.base import BaseCommand

from portal.site.health.mail import send_health_email


class Command(BaseCommand):
    help = "把网站健康自查的结果发送给编辑（每周一次）"

    def handle(self, *args, verbosity=1, **options):
        sent_to = send_health_email()
        if verbosity:
            self.stdout.write(
                f"已发送给 {sent_to} 位编辑。" if sent_to else "没有设了邮箱的编辑，未发送。"
            )

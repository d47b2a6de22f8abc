from django.core.management.base import BaseCommand

from portal.site.health.links import check_links


class Command(BaseCommand):
    help = "检查链接目录和已发布页面正文中的外部链接（网站健康自查的失效链接）"

    def handle(self, *args, verbosity=1, **options):
        log = self.stdout.write if verbosity > 1 else (lambda line: None)
        checked, failed = check_links(log=log)
        if verbosity:
            self.stdout.write(f"检查了 {checked} 个链接，{failed} 个本次失败。")

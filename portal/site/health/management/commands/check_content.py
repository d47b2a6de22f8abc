from django.core.management.base import BaseCommand

from portal.site.health.content import check_content


class Command(BaseCommand):
    help = "检查全部已发布页面的内容（网站健康自查的敏感词、图片替代文字和站内链接）"

    def handle(self, *args, verbosity=1, **options):
        log = self.stdout.write if verbosity > 1 else (lambda line: None)
        pages, findings = check_content(log=log)
        if verbosity:
            self.stdout.write(f"检查了 {pages} 个页面，发现 {findings} 个问题。")

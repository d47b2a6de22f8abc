from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from portal.core.address import apply_site_address, site_url


class Command(BaseCommand):
    help = "把 SITE_URL 写入默认站点（设置 › 站点），规范网址、站点地图和分享链接都用它"

    def handle(self, *args, **options):
        if not Site.objects.filter(is_default_site=True).exists():
            raise CommandError("还没有默认站点：请先运行 migrate")
        changed = apply_site_address()
        verb = "已设为" if changed else "已是"
        self.stdout.write(f"默认站点的网址{verb} {site_url()}")

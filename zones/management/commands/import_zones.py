from django.core.management.base import BaseCommand, CommandError

from zones.catalogue import CatalogueError
from zones.importer import ZoneImporter
from zones.models import ZoneIndexPage


class Command(BaseCommand):
    help = (
        "从《中国开发区审核公告目录》（CSV 或 XLSX）新建或更新开发区页面。"
        "支持每行带省份、级别、类型列的表，也支持按省份、级别、类型标题行分组的目录原表；"
        "按代码（无代码时按名称）对应已有页面，不会重复。有行未导入时退出码非零。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV（UTF-8 或 GBK）或 XLSX 文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告结果，不写入数据库")

    def handle(self, file, dry_run=False, **options):
        index = ZoneIndexPage.objects.first()
        if index is None:
            raise CommandError("还没有「开发区名录」页面：请先在后台首页下创建它。")
        verbose = options["verbosity"] > 0
        importer = ZoneImporter(index, dry_run=dry_run, log=self.stdout.write if verbose else None)
        try:
            report = importer.run(file)
        except CatalogueError as error:
            raise CommandError(str(error)) from None
        if verbose:
            for where, text in report.ignored:
                self.stdout.write(f"{where}：不是开发区行，已忽略「{text[:40]}」")
        self.stdout.write(("试运行，未写入。" if dry_run else "") + report.summary())
        if not report.ok:
            raise CommandError(f"{report.skipped + report.failed} 行未导入，原因见上。")

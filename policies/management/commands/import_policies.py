from django.core.management.base import BaseCommand, CommandError

from policies.importer import ListError, PolicyImporter
from policies.models import PolicyLibraryPage


class Command(BaseCommand):
    help = (
        "从 CSV 或 XLSX 新建或更新政策文件，每行一件：标题、发文字号、发文机关、成文日期、文种、"
        "主题分类等列。按规范化的发文字号对应已有文件，再次导入只更新；"
        "有行未导入时退出码非零。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV（UTF-8 或 GBK）或 XLSX 文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告结果，不写入数据库")

    def handle(self, file, dry_run=False, **options):
        library = PolicyLibraryPage.objects.first()
        if library is None:
            raise CommandError("还没有「政策法规库」页面：请先在后台首页下创建它。")
        verbose = options["verbosity"] > 0
        importer = PolicyImporter(
            library, dry_run=dry_run, log=self.stdout.write if verbose else None
        )
        try:
            report = importer.run(file)
        except ListError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(("试运行，未写入。" if dry_run else "") + report.summary())
        if not report.ok:
            raise CommandError(f"{report.skipped + report.failed} 行未导入，原因见上。")

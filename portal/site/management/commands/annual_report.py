from django.core.management.base import BaseCommand, CommandError

from portal.site.annual_report import FORMATS, YearForm, build_report


class Command(BaseCommand):
    help = (
        "网站年度报表: the year's articles per column, notices, 留言 figures and visits, as "
        "CSV (to standard output or --output) or XLSX (--output required)."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", help="the year, e.g. 2026")
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--output", help="the file to write")

    def handle(self, *args, year, format, output, **options):
        form = YearForm({"year": year})
        if not form.is_valid():
            raise CommandError(" ".join(form.errors["year"]))
        if format == "xlsx" and not output:
            raise CommandError("XLSX 文件须用 --output 指定保存位置。")
        write, _content_type = FORMATS[format]
        content = write(build_report(form.cleaned_data["year"]))
        if not output:
            self.stdout.write(content, ending="")
            return
        mode, encoding = ("wb", None) if isinstance(content, bytes) else ("w", "utf-8")
        with open(output, mode, encoding=encoding) as file:
            file.write(content)
        self.stdout.write(f"Wrote {output}")

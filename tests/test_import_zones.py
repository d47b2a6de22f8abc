"""An operator imports the national catalogue with `manage.py import_zones FILE`."""

import csv
import datetime
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook
from wagtail.models import Revision

from tests import factories
from tests.helpers import ROOT, SHARED_REFERENCE
from zones.models import ZonePage

SAMPLE = ROOT / "portal" / "site" / "demo" / "zone-catalogue-sample.csv"
SHARED_SAMPLE = SHARED_REFERENCE / "zone-catalogue-sample.csv"
DATA = Path(__file__).resolve().parent / "data" / "zones"
PUBLISHED = DATA / "published-layout.csv"
BROKEN = DATA / "broken-rows.csv"

# What the published-layout file must give, whatever its format.
PUBLISHED_ZONES = {
    # name: (code, province, level, kind, approved, area)
    "北京经济技术开发区": ("G111001", "北京市", "国家级", "经济技术开发区", "1994-08", "3980.00"),
    "中关村科技园区": ("G112001", "北京市", "国家级", "高新技术产业开发区", "1988-05", "48800.00"),
    "漕河泾新兴技术开发区": ("G311001", "上海市", "国家级", "经济技术开发区", "1988-06", "1330.00"),
    "虹桥经济技术开发区": ("G311002", "上海市", "国家级", "经济技术开发区", "1986-08", "65.20"),
    "上海外高桥保税区": ("G313001", "上海市", "国家级", "海关特殊监管区域", "1990-06", "1000.00"),
    "满洲里边境经济合作区": (
        "G154001",
        "内蒙古自治区",
        "国家级",
        "边境/跨境经济合作区",
        "1992-09",
        "2000.00",
    ),
    # No kind heading in this province: the kind comes from the name's ending.
    "广西示例经济开发区": ("S457001", "广西壮族自治区", "省级", "经济开发区", "2003-10", "800.00"),
    "广西示例工业园区": ("S457002", "广西壮族自治区", "省级", "特色工业园区", "2006-04", "450.50"),
    "陕西示例高新园": ("S617001", "陕西省", "省级", "高新技术产业园区", "2012-12", "300.00"),
    "兵团示例工业园区": (
        "S657001",
        "新疆维吾尔自治区",
        "省级",
        "特色工业园区",
        "2010-03",
        "620.00",
    ),
}


@pytest.fixture
def zone_index(home):
    return factories.ZoneIndexPageFactory(parent=home)


def run_import(*args):
    """Run the command; return (output, error message or None)."""
    out = StringIO()
    try:
        call_command("import_zones", *map(str, args), stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def summary(output):
    return re.search(r"共 \d+ 行：.*", output)[0]


def zones_as_table():
    return {
        zone.title: (
            zone.code,
            zone.province,
            zone.level,
            zone.kind,
            zone.approved_on.strftime("%Y-%m") if zone.approved_on else "",
            str(zone.area_hectares) if zone.area_hectares is not None else "",
        )
        for zone in ZonePage.objects.all()
    }


def to_xlsx(csv_path, xlsx_path, date_column=None):
    """The CSV as a workbook, as Excel would hold it: numbers as numbers, one-cell rows
    merged across the table, and the dates in `date_column` as real date cells."""
    workbook = Workbook()
    sheet = workbook.active
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    width = max(len(row) for row in rows)
    for number, row in enumerate(rows, start=1):
        filled = [cell for cell in row if cell]
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(number, column)
            if column == date_column and re.fullmatch(r"\d{4}\.\d{2}", text):
                cell.value = datetime.datetime(int(text[:4]), int(text[5:]), 1)
                cell.number_format = 'yyyy"年"m"月"'
            elif re.fullmatch(r"\d+(\.\d+)?", text):
                cell.value = float(text) if "." in text else int(text)
            else:
                cell.value = text or None
        if len(filled) == 1 and row[0]:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
    workbook.save(xlsx_path)
    return xlsx_path


def test_the_repository_sample_is_the_reference_sample():
    if not SHARED_SAMPLE.exists():
        pytest.skip("the shared reference directory is not on this machine")
    assert SAMPLE.read_bytes() == SHARED_SAMPLE.read_bytes()


def test_importing_the_sample_creates_published_zone_pages(zone_index, client):
    output, error = run_import(SAMPLE)
    assert error is None
    assert summary(output) == "共 10 行：新建 10，更新 0，未变 0，跳过 0，失败 0"

    zone = ZonePage.objects.get(title="苏州工业园区")
    assert (zone.province, zone.level, zone.kind) == ("江苏省", "国家级", "经济技术开发区")
    assert zone.approved_on == datetime.date(1994, 2, 1) and zone.approved_display == "1994年02月"
    assert zone.industries == "电子信息、机械制造、生物医药"
    assert zone.area_hectares is None
    assert zone.live and zone.live_revision is not None and not zone.has_unpublished_changes
    assert zone.slug == "su-zhou-gong-ye-yuan-qu"
    assert zone.get_parent().pk == zone_index.pk

    provincial = ZonePage.objects.get(title="重庆双桥经济开发区")
    assert (provincial.level, provincial.kind, provincial.approved_on) == (
        "省级",
        "经济开发区",
        None,
    )
    assert client.get("/zones/", {"province": "重庆市"}).content.decode().count("card-zone") == 2
    assert "1994年02月" in client.get(zone.url).content.decode()


def test_importing_again_changes_nothing(zone_index):
    run_import(SAMPLE)
    revisions = Revision.objects.count()
    output, error = run_import(SAMPLE)
    assert error is None
    assert summary(output) == "共 10 行：新建 0，更新 0，未变 10，跳过 0，失败 0"
    assert ZonePage.objects.count() == 10
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize("make_file", ["csv", "xlsx"])
def test_the_published_layout_reads_province_level_and_kind_from_headings(
    zone_index, tmp_path, make_file
):
    path = PUBLISHED if make_file == "csv" else to_xlsx(PUBLISHED, tmp_path / "目录.xlsx", 4)
    output, error = run_import(path)
    assert error is None, output
    assert summary(output) == "共 10 行：新建 10，更新 0，未变 0，跳过 0，失败 0"
    assert zones_as_table() == PUBLISHED_ZONES
    # The title and the closing note are shown as ignored, not taken for zones.
    assert "第1行：不是开发区行，已忽略「中国开发区审核公告目录" in output
    assert "第32行：不是开发区行，已忽略「注：本表为测试数据" in output


def test_the_sample_layout_reads_the_same_from_xlsx(zone_index, tmp_path):
    run_import(to_xlsx(SAMPLE, tmp_path / "sample.xlsx"))
    from_xlsx = zones_as_table()
    ZonePage.objects.all().delete()
    run_import(SAMPLE)
    assert zones_as_table() == from_xlsx
    assert len(from_xlsx) == 10


def test_a_csv_saved_by_chinese_excel_is_read(zone_index, tmp_path):
    gbk = tmp_path / "sample-gbk.csv"
    gbk.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    output, error = run_import(gbk)
    assert error is None
    assert ZonePage.objects.filter(title="中关村科技园区", province="北京市").exists()


def test_broken_rows_are_reported_and_skipped(zone_index):
    output, error = run_import(BROKEN)
    assert error == "10 行未导入，原因见上。"  # the command exits with status 1
    assert summary(output) == "共 13 行：新建 3，更新 0，未变 0，跳过 10，失败 0"
    expected = {
        3: "缺少开发区名称",
        4: "未知省份「火星」",
        5: "无法识别的批准时间「九十年代」",
        6: "无法识别的核准面积「很大」",
        7: "批准时间「2001.1」不明确",
        8: "「海关特殊监管区域」不是省级开发区的类型",
        9: "与第2行是同一开发区",
        11: "缺少级别",
        12: "未知级别「市级」",
        13: "未知类型「科技城」",
    }
    for row, reason in expected.items():
        assert re.search(rf"^第{row}行：跳过，.*{re.escape(reason)}", output, re.M), (row, output)
    assert set(ZonePage.objects.values_list("title", flat=True)) == {
        "良好经济技术开发区",
        "内蒙古示例经济开发区",
        "河北示例经济技术开发区",
    }
    # With no level given, 经济技术开发区 can only be national.
    assert ZonePage.objects.get(title="河北示例经济技术开发区").level == "国家级"
    inner_mongolia = ZonePage.objects.get(title="内蒙古示例经济开发区")
    assert inner_mongolia.province == "内蒙古自治区"
    assert inner_mongolia.area_hectares == Decimal("1200.50")


def test_a_dry_run_reports_without_writing(zone_index):
    output, error = run_import(SAMPLE, "--dry-run")
    assert error is None
    assert "试运行，未写入。共 10 行：新建 10" in output
    assert not ZonePage.objects.exists()

    _, error = run_import(BROKEN, "--dry-run")
    assert error == "10 行未导入，原因见上。"
    assert not ZonePage.objects.exists()


def test_a_zone_is_found_by_code_then_by_name(zone_index, tmp_path):
    by_name = factories.ZonePageFactory(
        parent=zone_index, title="北京经济技术开发区", province="北京市", code=""
    )
    renamed = factories.ZonePageFactory(
        parent=zone_index,
        title="中关村科技园（旧名）",
        province="北京市",
        code="G112001",
        kind="高新技术产业开发区",
    )
    output, error = run_import(PUBLISHED)
    assert error is None, output
    assert ZonePage.objects.count() == 10
    by_name.refresh_from_db()
    renamed.refresh_from_db()
    assert by_name.code == "G111001" and by_name.area_hectares == Decimal("3980")
    assert renamed.title == "中关村科技园区"
    assert renamed.slug != "zhong-guan-cun-ke-ji-yuan-qu"  # its address stays the same


def test_an_update_keeps_what_editors_added(zone_index, tmp_path):
    run_import(SAMPLE)
    zone = ZonePage.objects.get(title="苏州工业园区")
    zone.address, zone.area_hectares = "苏州市工业园区现代大道", Decimal("27800")
    zone.save_revision().publish()
    zone.introduction = "<p>编辑正在写的简介。</p>"
    zone.save_revision()  # a draft, not published yet

    changed = tmp_path / "changed.csv"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "1994.02,,电子信息、机械制造", "1994.05,,电子信息、机械制造"
        ),
        encoding="utf-8",
    )
    output, error = run_import(changed)
    assert error is None
    assert summary(output) == "共 10 行：新建 0，更新 1，未变 9，跳过 0，失败 0"

    zone = ZonePage.objects.get(pk=zone.pk)
    assert zone.approved_on == datetime.date(1994, 5, 1)  # live now
    assert zone.address == "苏州市工业园区现代大道"
    assert zone.area_hectares == Decimal("27800")  # the file's empty area erases nothing
    assert zone.introduction == ""  # the draft is still a draft…
    draft = zone.get_latest_revision_as_object()
    assert draft.introduction == "<p>编辑正在写的简介。</p>"  # …with the editor's text
    assert draft.approved_on == datetime.date(1994, 5, 1)  # and the catalogue's date
    assert zone.has_unpublished_changes


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧版 Excel（.xls）"),
        (b"PK\x03\x04 not really a workbook", "无法打开 XLSX 文件"),
        (b"\x00\x01\x02garbage", "不是 CSV 文本"),
        ("名称不对,省份\n北京经济技术开发区,北京市\n".encode(), "找不到表头行"),
    ],
)
def test_a_file_that_is_no_catalogue_gets_a_clear_message(zone_index, tmp_path, content, message):
    path = tmp_path / "catalogue.csv"
    path.write_bytes(content)
    _, error = run_import(path)
    assert message in error
    assert not ZonePage.objects.exists()


def test_a_missing_file_or_zone_directory_is_explained(zone_index, tmp_path):
    _, error = run_import(tmp_path / "nowhere.csv")
    assert "无法读取文件" in error
    zone_index.delete()
    _, error = run_import(SAMPLE)
    assert "还没有「开发区名录」页面" in error


def test_the_demo_loads_the_sample_through_the_importer(demo_site, db):
    assert ZonePage.objects.count() == 10
    output, error = run_import(SAMPLE)
    assert summary(output) == "共 10 行：新建 0，更新 0，未变 10，跳过 0，失败 0"


def test_a_short_name_column_fills_the_zone_short_name(zone_index, tmp_path):
    catalogue = tmp_path / "with-short-names.csv"
    catalogue.write_text(
        "开发区名称,简称,省份,级别,类型\n"
        "重庆双桥经济开发区,双桥经开区,重庆市,省级,经济开发区\n"
        "苏州工业园区,,江苏省,国家级,经济技术开发区\n",
        encoding="utf-8",
    )
    output, error = run_import(catalogue)
    assert error is None, output
    assert ZonePage.objects.get(title="重庆双桥经济开发区").short_name == "双桥经开区"
    assert ZonePage.objects.get(title="苏州工业园区").short_name == ""

    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("双桥经开区", "双桥开发区"), encoding="utf-8"
    )
    output, error = run_import(catalogue)
    assert summary(output) == "共 2 行：新建 0，更新 1，未变 1，跳过 0，失败 0"
    assert ZonePage.objects.get(title="重庆双桥经济开发区").short_name == "双桥开发区"

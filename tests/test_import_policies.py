"""import_policies: a list of documents in, matched on the normalised 发文字号, bad rows
reported and skipped, links and attachments taken along."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from policies.models import Issuer, PolicyDocumentPage
from tests.documents import pdf_with_text
from tests.policy_pages import library

LIST = "tests/data/policies/policy-list.csv"


@pytest.fixture
def lib(home):
    for name in ("国务院办公厅", "商务部", "国家统计局"):
        Issuer.objects.create(name=name)
    return library(home)


def run(path):
    """(output, error) of the command."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_policies", str(path), stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_a_list_is_imported_and_importing_again_changes_nothing(lib):
    output, error = run(LIST)
    assert "共 5 行：新建 3，更新 0，未变 0，跳过 2，失败 0" in output
    assert "第 5 行：跳过，发文字号“国办发2017-7”格式不正确" in output
    assert "第 6 行：跳过，未知发文机关：“国务员”" in output
    assert error == "2 行未导入，原因见上。"

    newer = PolicyDocumentPage.objects.get(doc_number="商资函〔2019〕12号")
    assert [i.name for i in newer.issuers.all()] == ["商务部", "国家统计局"]
    assert newer.live and newer.written_on.isoformat() == "2019-04-10"
    older = PolicyDocumentPage.objects.get(doc_number_key="商资函〔2015〕88号")
    assert older.doc_number == "商资函[2015]88号"  # kept as typed, matched in normal form
    assert older.validity == "revised"
    assert [link.source for link in older.replaced_by()] == [newer]

    output, _ = run(LIST)
    assert "新建 0，更新 0，未变 3，跳过 2" in output
    assert PolicyDocumentPage.objects.count() == 3


def test_a_row_changed_in_the_list_updates_the_document_found_by_its_number(lib, tmp_path):
    run(LIST)
    changed = tmp_path / "changed.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "document_number", "issuers", "date_written", "kind", "topic"])
    # Other brackets, spaces: still the same document.
    sheet.append(
        [
            "商务部关于开发区统计工作的通知（修正标题）",
            "商资函 (2015) 88号",
            "商务部",
            "2015-03-02",
            "通知",
            "统计",
        ]
    )
    book.save(changed)
    output, error = run(changed)
    assert error is None and "更新 1" in output
    page = PolicyDocumentPage.objects.get(doc_number_key="商资函〔2015〕88号")
    assert page.title == "商务部关于开发区统计工作的通知（修正标题）"
    assert page.get_latest_revision().content["title"] == page.title


def test_attachments_are_stored_read_and_checked_by_content(lib, tmp_path):
    (tmp_path / "wenjian.pdf").write_bytes(pdf_with_text("园区循环化改造"))
    (tmp_path / "jia.pdf").write_bytes(b"<html>not a pdf</html>")
    listing = tmp_path / "list.csv"
    listing.write_text(
        "title,document_number,issuers,date_written,kind,attachment\n"
        "循环化改造的通知,国办发〔2012〕3号,国务院办公厅,2012-01-01,通知,wenjian.pdf\n"
        "假附件的通知,国办发〔2012〕4号,国务院办公厅,2012-01-01,通知,jia.pdf\n"
        "网址附件的通知,国办发〔2012〕5号,国务院办公厅,2012-01-01,通知,http://example.invalid/a.pdf\n",
        encoding="utf-8",
    )
    output, _ = run(listing)
    assert "新建 1" in output and "跳过 2" in output
    assert "附件“jia.pdf”的内容不是有效的 PDF 文件" in output
    assert "不能从网址下载" in output
    page = PolicyDocumentPage.objects.get(doc_number="国办发〔2012〕3号")
    assert "循环化改造" in page.attachments.get().text


def test_a_revise_cycle_in_a_list_is_refused(lib, tmp_path):
    listing = tmp_path / "cycle.csv"
    listing.write_text(
        "title,document_number,issuers,date_written,kind,revises\n"
        "甲,国办发〔2012〕1号,国务院办公厅,2012-01-01,通知,\n"
        "乙,国办发〔2013〕1号,国务院办公厅,2013-01-01,通知,国办发〔2012〕1号\n"
        "甲,国办发〔2012〕1号,国务院办公厅,2012-01-01,通知,国办发〔2013〕1号\n",
        encoding="utf-8",
    )
    output, _ = run(listing)
    assert "第 4 行：跳过，与第 2 行是同一文件" in output
    fix = tmp_path / "fix.csv"
    fix.write_text(
        "title,document_number,issuers,date_written,kind,revises\n"
        "甲,国办发〔2012〕1号,国务院办公厅,2012-01-01,通知,国办发〔2013〕1号\n",
        encoding="utf-8",
    )
    output, _ = run(fix)
    assert "失败，修订、废止关系不能成环：《甲》 → 《乙》 → 《甲》" in output
    assert not PolicyDocumentPage.objects.get(title="甲").replaces_links.exists()


def test_a_file_that_is_no_list_is_refused_whole(lib, tmp_path):
    other = tmp_path / "x.txt"
    other.write_text("hello")
    assert run(other)[1] == "只能导入 CSV 或 XLSX 文件。"
    assert run(tmp_path / "missing.csv")[1].startswith("找不到文件")

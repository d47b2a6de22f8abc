"""从Word导入: a .docx becomes a draft article, in the admin and from the command line,
and every bad file gets a clear Chinese message with nothing written."""

import io
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.images import get_image_model
from wagtail.models import Page

from news.legacy.record import UnreadableFile
from news.legacy.word.convert import read_word
from news.legacy.word.form import WordImportForm
from news.legacy.word.headings import heading_level
from news.legacy.word.package import open_package
from news.legacy.word.tables import table_value
from news.models import NewsCategoryPage, NewsPage
from tests import word_documents as docs
from tests.helpers import SHANGHAI

Image = get_image_model()


def upload(client, column, data, name="文档.docx"):
    url = reverse("news_word_import", args=[column.pk])
    return client.post(url, {"document": named(data, name)})


def named(data, name):
    file = io.BytesIO(data)
    file.name = name
    return file


def shown(moment):
    return moment.astimezone(SHANGHAI).strftime("%Y年%m月%d日 %H:%M")


def media_files(settings):
    return sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


# --- the converter ---------------------------------------------------------------


def test_a_gongwen_keeps_its_headings_by_their_numbering():
    article = read_word(docs.gongwen_docx(), "实施意见.docx")

    assert article.title == docs.GONGWEN_TITLE
    assert article.source == "重庆双桥经济开发区管委会"
    assert article.authors == "罗传莹 邹玉红"  # the line wins over 作者 "Administrator"
    assert shown(article.publish_time) == "2024年03月19日 10:38"
    kinds = [kind for kind, _ in article.body]
    headings = [value for kind, value in article.body if kind == "heading"]
    assert headings == ["一、总体要求", "二、重点任务", "注释"]
    html = "".join(value for kind, value in article.body if kind == "paragraph")
    assert ">（一）指导思想</h3>" in html and ">（二）主要目标</h3>" in html
    assert ">1. 经济总量稳步提升</h4>" in html and ">(1) 工业投资</h4>" in html
    assert "渝经开发〔2024〕12号" in html  # 发文字号 stays, above the text
    assert "<i>强化招商引资，</i>" in html and "<ul>" in html
    # The footnote: a plain [1] in the text, the note in the 注释 list at the end.
    assert "指导<sup>[1]</sup>，完整" in html
    assert kinds[-2:] == ["heading", "paragraph"]
    assert "若干意见》。</li></ol>" in article.body[-1][1]
    # Title and meta lines are not left in the body; the closing date is.
    assert docs.GONGWEN_TITLE not in html and "来源：" not in html and "10:38" not in html
    assert "2024年3月18日" in html
    assert "<a " not in html and "footnote" not in html


def test_a_news_report_keeps_its_pictures_captions_and_merged_cells():
    article = read_word(docs.news_docx(), "签约.docx")

    assert article.title == docs.NEWS_TITLE
    assert article.source == "重庆双桥经济开发区"
    assert article.authors == "邹玉红"  # from the document's properties
    assert shown(article.publish_time) == "2024年04月02日 09:15"
    pictures = [value for kind, value in article.body if kind == "image"]
    assert [(p.alt, p.caption) for p in pictures] == [
        ("签约仪式现场", "图1 签约仪式现场"),
        ("新建标准化厂房", "图2 新建标准化厂房"),
        ("企业负责人接受采访", "图3 企业负责人接受采访"),
    ]
    assert [p.filename for p in pictures] == ["word-1.jpg", "word-2.png", "word-3.jpg"]
    (table,) = [value for kind, value in article.body if kind == "table"]
    assert table["data"][1] == ["智能制造", "新能源汽车零部件", "20"]
    assert table["data"][2] == ["", "工业机器人", "15"]
    assert table["mergeCells"] == [{"row": 1, "col": 0, "rowspan": 2, "colspan": 1}]
    assert table["cell"] == [{"row": 2, "col": 0, "hidden": True}]
    assert article.warnings == []


def test_a_table_with_spans_across_and_down():
    from bs4 import BeautifulSoup

    table = BeautifulSoup(
        "<table><tr><th colspan='2'><p>开发区</p></th><th>产值</th></tr>"
        "<tr><td rowspan='2'><p>国家级</p></td><td>甲</td><td>1</td></tr>"
        "<tr><td>乙</td><td>2</td></tr></table>",
        "html.parser",
    ).table
    value, cut = table_value(table)
    assert cut == 0
    assert value["data"] == [["开发区", "", "产值"], ["国家级", "甲", "1"], ["", "乙", "2"]]
    assert value["table_header_choice"] == "row"
    assert {(m["row"], m["col"], m["rowspan"], m["colspan"]) for m in value["mergeCells"]} == {
        (0, 0, 1, 2),
        (1, 0, 2, 1),
    }
    assert {(c["row"], c["col"]) for c in value["cell"]} == {(0, 1), (2, 0)}


@pytest.mark.parametrize(
    ("text", "bold", "level"),
    [
        ("一、总体要求", True, 2),
        ("十二、附则", False, 2),
        ("（三）保障措施", True, 3),
        ("(二) 工作目标", False, 3),
        ("1. 加强组织领导", True, 4),
        ("2．强化督促检查", False, 4),
        ("（1）工业投资", True, 4),
        ("一是优化营商环境；", False, None),
        ("1.5亿元用于基础设施", False, None),
        ("二、各地要高度重视，切实加强组织领导，确保各项任务落到实处，抓出成效。", False, None),
        ("一、", True, None),
        ("总体要求", True, None),
    ],
)
def test_heading_levels_by_numbering(text, bold, level):
    assert heading_level(text, bold) == level


def test_the_title_comes_from_the_properties_when_the_first_lines_have_none():
    from docx import Document

    document = Document()
    document.core_properties.title = "园区年度工作总结"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "工业总产值", "512亿元"
    document.add_paragraph("今年以来，园区各项工作稳步推进，主要经济指标保持增长。")
    article = read_word(docs.saved(document), "总结.docx")
    assert article.title == "园区年度工作总结"
    assert [kind for kind, _ in article.body] == ["table", "paragraph"]


@hypothesis_settings(
    max_examples=8, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=5), st.booleans())
def test_any_text_in_a_document_gives_an_article_or_a_reason(paragraphs, bold):
    from docx import Document

    document = Document()
    for text in paragraphs:
        clean = "".join(ch for ch in text if ch.isprintable())
        document.add_paragraph().add_run(clean).bold = bold
    try:
        article = read_word(docs.saved(document), "x.docx")
    except UnreadableFile as error:
        assert "正文" in str(error)
    else:
        assert article.title and len(article.title) <= 255
        assert all(len(value) <= 60 for kind, value in article.body if kind == "heading")


@hypothesis_settings(max_examples=30, derandomize=True, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_are_refused_with_a_reason(data):
    with pytest.raises(UnreadableFile):
        open_package(data, "x.docx")


# --- bad files -----------------------------------------------------------------

# The upload page: session, user, the column and its permissions, the admin's menus, and
# the association's name and logo from 网站设置 (admin branding, issue 24).
QUERY_BUDGET = 15
OLE2_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff"


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (lambda: OLE2_HEADER.ljust(4096, b"\0"), "旧通知.doc", "旧版 Word 文档（.doc）"),
        (lambda: OLE2_HEADER.ljust(4096, b"\0"), "工作总结.wps", "WPS 文字（.wps）"),
        (lambda: b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "通知.pdf", "PDF 文件"),
        (lambda: docs.news_docx()[:3000], "损坏.docx", "文件已损坏"),
        (lambda: docs.encrypted(docs.gongwen_docx()), "加密.docx", "取消密码"),
        (docs.zip_bomb, "炸弹.docx", "解压后过大"),
        (lambda: b"", "空.docx", "文件是空的"),
        (lambda: "这不是 Word 文档".encode(), "文本.docx", "这不是 Word 文档"),
    ],
)
def test_files_that_are_no_docx_are_refused_with_a_reason(make, name, message):
    with pytest.raises(UnreadableFile, match=message):
        read_word(make(), name)


def test_a_zip_bomb_is_refused_from_its_directory_alone():
    bomb = docs.zip_bomb()
    started = time.process_time()
    with pytest.raises(UnreadableFile, match="解压后过大"):
        read_word(bomb, "炸弹.docx")
    assert time.process_time() - started < 1  # nothing was inflated (that takes seconds)


def test_a_300_page_document_is_read_within_bounds(settings):
    long = docs.long_docx(6000)
    started = time.monotonic()
    article = read_word(long, "汇编.docx")
    assert time.monotonic() - started < 60
    assert article.title == "开发区年度工作汇编"
    # Paragraphs between headings make one block each, not six thousand blocks.
    assert article.count("paragraph") == 1
    assert article.body[0][1].count("<p ") == 6000


def test_a_document_over_the_paragraph_limit_is_refused(settings):
    settings.WORD_IMPORT_MAX_PARAGRAPHS = 100
    with pytest.raises(UnreadableFile, match=r"文档太长（102 段，上限 100 段）.*拆分"):
        read_word(docs.long_docx(100), "汇编.docx")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.WORD_IMPORT_MAX_SIZE = 10 * 1024
    form = WordImportForm(files={"document": upload_file(docs.news_docx(), "大.docx")})
    assert not form.is_valid()
    assert "文件过大" in form.errors["document"][0]


def upload_file(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("number", "data", "extension", "message"),
    [
        (2, docs.emf_bytes(), "emf", "第 2 张图片“新建标准化厂房”是 EMF/WMF 矢量图 格式"),
        (3, b"GIF89a this is no picture", None, "第 3 张图片“企业负责人接受采访”不是可读取的图片"),
    ],
)
def test_a_picture_that_cannot_be_shown_is_skipped_and_named(number, data, extension, message):
    article = read_word(docs.replace_picture(docs.news_docx(), number, data, extension), "x.docx")
    assert article.count("image") == 2
    assert [w for w in article.warnings if message in w]
    assert article.count("table") == 1  # the text and the rest are all there


# --- the admin -----------------------------------------------------------------


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_imports_a_gongwen_and_lands_on_the_draft(
    editor_client, column, editor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = editor_client.get(reverse("news_word_import", args=[column.pk]))
    assert response.status_code == 200
    assert "从Word导入" in response.text and column.title in response.text

    response = upload(editor_client, column, docs.gongwen_docx(), "实施意见.docx")

    draft = NewsPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live and draft.has_unpublished_changes
    assert draft.get_parent().pk == column.pk and draft.column_id == column.pk
    assert draft.slug == "guan-yu-jia-kuai-tui-jin-kai-fa-qu-gao-zhi-liang-fa-zhan-de"
    assert (draft.title, draft.source, draft.authors) == (
        docs.GONGWEN_TITLE,
        "重庆双桥经济开发区管委会",
        "罗传莹 邹玉红",
    )
    assert shown(draft.publish_time) == "2024年03月19日 10:38"
    assert draft.owner == editor
    assert draft.latest_revision.user == editor
    assert [b.block_type for b in draft.body][:2] == ["paragraph", "heading"]

    edit = editor_client.get(response["Location"])
    assert edit.status_code == 200
    assert "已从“实施意见.docx”生成草稿《关于加快推进开发区高质量发展的实施意见》" in edit.text
    assert f'value="{docs.GONGWEN_TITLE}"' in edit.text


def test_a_news_report_brings_its_pictures_into_the_library(editor_client, column):
    response = upload(editor_client, column, docs.news_docx(), "签约.docx")
    draft = NewsPage.objects.get()
    images = [b.value for b in draft.body if b.block_type == "image"]
    assert [(i["image"].description, i["caption"]) for i in images] == [
        ("签约仪式现场", "图1 签约仪式现场"),
        ("新建标准化厂房", "图2 新建标准化厂房"),
        ("企业负责人接受采访", "图3 企业负责人接受采访"),
    ]
    assert Image.objects.count() == 3
    (table,) = [b for b in draft.body if b.block_type == "table"]
    assert 'rowspan="2" colspan="1"' in table.render()
    assert table.render().count("<td") == 11  # 12 cells, one covered by the merge
    edit = editor_client.get(response["Location"])
    assert edit.status_code == 200 and "3 张图片、1 个表格" in edit.text
    # The editor can publish the draft as it is.
    draft.save_revision().publish()
    assert NewsPage.objects.live().count() == 1


def test_a_skipped_picture_is_named_on_the_draft(editor_client, column):
    broken = docs.replace_picture(docs.news_docx(), 2, docs.emf_bytes(), "emf")
    response = upload(editor_client, column, broken, "签约.docx")
    edit = editor_client.get(response["Location"])
    assert "第 2 张图片“新建标准化厂房”是 EMF/WMF 矢量图 格式" in edit.text
    assert Image.objects.count() == 2


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (lambda: OLE2_HEADER.ljust(4096, b"\0"), "旧通知.doc", "这是旧版 Word 文档（.doc）"),
        (lambda: docs.encrypted(docs.news_docx()), "加密.docx", "文档设有打开密码"),
        (docs.zip_bomb, "炸弹.docx", "文档解压后过大"),
        (lambda: docs.news_docx()[:-200], "损坏.docx", "文件已损坏"),
    ],
)
def test_a_bad_file_shows_why_on_the_form_and_writes_nothing(
    editor_client, column, settings, make, name, message
):
    before = media_files(settings)
    response = upload(editor_client, column, make(), name)
    assert response.status_code == 200
    assert f"“{name}”无法导入：{message}" in response.text
    assert NewsPage.objects.count() == 0 and Image.objects.count() == 0
    assert media_files(settings) == before


def test_a_failure_while_saving_leaves_no_page_and_no_picture(
    editor_client, column, settings, monkeypatch
):
    def database_down(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(Page, "save_revision", database_down)
    before = media_files(settings)
    response = upload(editor_client, column, docs.news_docx(), "签约.docx")
    assert "草稿未能保存，什么也没有写入" in response.text
    assert NewsPage.objects.count() == 0 and Image.objects.count() == 0
    assert media_files(settings) == before


def test_the_import_is_offered_on_columns_and_in_the_article_editor(
    editor_client, column, news_index, seed_article
):
    url = reverse("news_word_import", args=[column.pk])
    listing = editor_client.get(reverse("wagtailadmin_explore", args=[news_index.pk]))
    assert url in listing.text  # the column's row
    column_listing = editor_client.get(reverse("wagtailadmin_explore", args=[column.pk]))
    assert url in column_listing.text  # the column's own header
    editor = editor_client.get(reverse("wagtailadmin_pages:edit", args=[seed_article.pk]))
    assert url in editor.text  # an article's editor offers its column


def test_someone_who_may_not_add_articles_there_is_refused(client, column, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("visitor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = upload(client, column, docs.news_docx())
    assert response.status_code in {302, 403}
    assert NewsPage.objects.count() == 0


# --- the command line -------------------------------------------------------------


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("how", ["id", "path", "title"])
def test_the_command_makes_a_draft_in_the_column_given(tmp_path, column, how):
    path = write(tmp_path, "实施意见.docx", docs.gongwen_docx())
    given = {"id": str(column.pk), "path": "/news/provincial-zones/", "title": column.title}[how]
    out = io.StringIO()
    call_command("import_legacy", str(path), "--column", given, stdout=out)
    draft = NewsPage.objects.get()
    assert draft.get_parent().pk == column.pk and not draft.live
    assert draft.title == docs.GONGWEN_TITLE
    assert f"(草稿, id {draft.pk})" in out.getvalue()
    assert "3 headings, 0 images, 0 tables" in out.getvalue()
    assert NewsCategoryPage.objects.count() == 1


def test_the_command_reports_a_bad_file_and_a_skipped_picture(tmp_path, column):
    good = write(
        tmp_path,
        "签约.docx",
        docs.replace_picture(docs.news_docx(), 3, b"not a picture"),
    )
    old = write(tmp_path, "旧通知.doc", OLE2_HEADER.ljust(4096, b"\0"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command(
            "import_legacy", str(good), str(old), "--column", str(column.pk), stdout=out, stderr=err
        )
    assert "旧版 Word 文档（.doc）" in err.getvalue() and "另存为" in err.getvalue()
    assert "第 3 张图片“企业负责人接受采访”不是可读取的图片" in out.getvalue()
    assert NewsPage.objects.get().title == docs.NEWS_TITLE


def test_the_command_refuses_an_unknown_column_and_a_dry_run_writes_nothing(tmp_path, column):
    path = write(tmp_path, "签约.docx", docs.news_docx())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_legacy", str(path), "--column", "99999", stderr=err)
    assert "找不到栏目：99999" in err.getvalue()
    out = io.StringIO()
    call_command("import_legacy", str(path), "--column", str(column.pk), "--dry-run", stdout=out)
    assert "Dry run, nothing written" in out.getvalue()
    assert NewsPage.objects.count() == 0 and Image.objects.count() == 0


def test_a_contributor_imports_into_a_news_column_too(client, contributor, column):
    client.force_login(contributor)
    response = upload(client, column, docs.gongwen_docx(), "实施意见.docx")
    draft = NewsPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live and draft.owner == contributor


def test_pictures_over_the_library_limits_are_skipped_and_named(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 480 * 320 - 1
    article = read_word(docs.news_docx(), "签约.docx")
    assert article.count("image") == 0 and article.count("table") == 1
    assert "第 1 张图片“签约仪式现场”过大，超过图片库的上限，已跳过" in article.warnings[0]


def test_a_long_first_line_is_text_not_a_title():
    from docx import Document

    document = Document()
    opening = "4月1日，双桥经开区举行一季度重大项目集中签约仪式，" * 5
    document.add_paragraph(opening)
    article = read_word(docs.saved(document), "签约情况.docx")
    assert article.title == "签约情况"  # the file's name
    assert opening in article.body[0][1]


def test_sending_the_form_without_a_file_asks_for_one(editor_client, column):
    url = reverse("news_word_import", args=[column.pk])
    response = editor_client.post(url, {})
    assert response.status_code == 200 and "请选择要导入的 Word 文档。" in response.text

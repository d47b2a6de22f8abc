"""政策法规库: a document's fields and validity, the revise/repeal marks, the library's
facets, and words found only inside an attachment."""

import datetime
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from policies import numbers
from policies.models import Issuer, PolicyDocumentPage
from tests.documents import docx_with_text, pdf_with_text, scanned_pdf
from tests.page_builds import build_pages_afresh
from tests.policy_pages import library, publish_document


@pytest.fixture
def lib(home):
    return library(home)


def soup(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(client, lib, **params):
    page = soup(client, lib.url, params)
    return [a.get_text() for a in page.select(".policy-title")]


def facet(page, name):
    """{option label: count} of one facet as the reader sees it."""
    options = {}
    for link in page.select(f'[aria-labelledby="facet-{name}"] li a'):
        count = link.select_one(".facet-count")
        if count:
            label = link.get_text().replace(count.get_text(), "")
            options[label] = int(count.get_text().strip("（）"))
    return options


@pytest.mark.parametrize(
    "typed", ["国办发〔2017〕7号", "国办发[2017]7号", "国办发（2017）7号", " 国办发 【2017】 7 号"]
)
def test_document_numbers_compare_equal_whatever_the_brackets(typed):
    assert numbers.normalised(typed) == "国办发〔2017〕7号"
    numbers.check(typed.strip())


@pytest.mark.parametrize("bad", ["2017年7号文", "国办发2017-7", "〔2017〕7号", "国办发〔17〕7号"])
def test_a_malformed_document_number_is_refused_with_an_example(bad):
    with pytest.raises(ValidationError, match="国办发〔2017〕7号"):
        numbers.check(bad)


def test_the_same_number_with_other_brackets_is_a_duplicate(lib):
    publish_document(lib, "原文件", doc_number="国发〔2019〕11号")
    copy = PolicyDocumentPage(
        title="重复文件",
        doc_number="国发[2019]11号",
        written_on=datetime.date(2019, 1, 1),
        kind="意见",
    )
    with pytest.raises(ValidationError, match="已有相同发文字号"):
        copy.clean()


def test_validity_follows_live_revise_and_repeal_links_and_the_expiry_date(lib):
    revised = publish_document(lib, "被修订的办法", doc_number="商资发〔2015〕1号")
    repealed = publish_document(lib, "被废止的通知", doc_number="商资发〔2014〕2号")
    expired = publish_document(lib, "到期的方案", expires_on=datetime.date(2021, 1, 1))
    current = publish_document(lib, "现行的意见")
    newer = publish_document(
        lib,
        "新办法",
        links=[(revised, "revises"), (repealed, "repeals")],
        written=datetime.date(2022, 1, 1),
    )
    found = dict(PolicyDocumentPage.objects.with_validity().values_list("title", "validity_code"))
    assert found == {
        "被修订的办法": "revised",
        "被废止的通知": "repealed",
        "到期的方案": "expired",
        "现行的意见": "current",
        "新办法": "current",
    }
    assert current.validity.label == "现行有效"

    # Unpublishing the newer document brings the older ones back; publishing an old
    # revision of the repealed one never could, since nothing about it is stored on it.
    repealed.save_revision().publish()
    assert PolicyDocumentPage.objects.get(pk=repealed.pk).validity == "repealed"
    newer.unpublish()
    assert PolicyDocumentPage.objects.get(pk=repealed.pk).validity == "current"
    assert PolicyDocumentPage.objects.get(pk=expired.pk).validity == "expired"


def test_a_repealed_document_says_so_at_the_top_and_links_to_its_replacement(client, lib):
    old = publish_document(lib, "国务院办公厅关于旧事项的通知", doc_number="国办发〔2014〕54号")
    assert not soup(client, old.url).select(".policy-replaced")  # kept in the cache now
    new = publish_document(
        lib,
        "国务院办公厅关于新事项的意见",
        doc_number="国办发〔2017〕7号",
        links=[(old, "repeals")],
    )
    page = soup(client, old.url)  # the older page's cached copy was replaced on publish
    mark = page.select_one(".policy-replaced")
    assert "本文件已废止" in mark.get_text()
    assert mark.select_one("a")["href"] == new.url
    assert "已废止" in page.select_one(".policy-fields").get_text()
    assert new.extra_cached_urls() == [old.get_full_url()]
    assert "国办发〔2014〕54号" in soup(client, new.url).select_one(".policy-relations").get_text()


def test_the_head_table_shows_the_official_fields(client, lib):
    # Issuers are listed in the managed list's order: the leading office first.
    Issuer.objects.create(name="国务院办公厅", sort_order=1)
    page = publish_document(
        lib,
        "关于促进开发区改革和创新发展的若干意见",
        issuers=("国务院办公厅", "商务部"),
        doc_number="国办发〔2017〕7号",
        index_number="000014349/2017-00012",
        topic="开发区改革创新",
        written=datetime.date(2017, 1, 19),
    )
    cells = {
        th.get_text(): th.find_next_sibling("td").get_text(" ", strip=True)
        for th in soup(client, page.url).select(".policy-fields th")
    }
    assert cells["索引号"] == "000014349/2017-00012"
    assert cells["发文机关"] == "国务院办公厅、商务部"
    assert cells["发文字号"] == "国办发〔2017〕7号"
    assert cells["成文日期"] == "2017年01月19日"
    assert cells["文种"] == "意见"
    assert cells["主题分类"] == "开发区改革创新"
    assert cells["有效性"] == "现行有效"


def test_a_revise_cycle_is_refused_naming_the_documents(lib):
    first = publish_document(lib, "甲办法")
    second = publish_document(lib, "乙办法", links=[(first, "revises")])
    third = publish_document(lib, "丙办法", links=[(second, "revises")])
    with pytest.raises(ValidationError) as refused:
        first.check_links([third])
    assert "不能成环" in refused.value.messages[0]
    assert "《甲办法》 → 《丙办法》 → 《乙办法》 → 《甲办法》" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        first.check_links([first])
    third.check_links([first])  # a document may revise two older ones in a chain's line


def test_the_library_facets_count_what_the_list_shows(client, lib):
    for year, issuer, kind in [
        (2017, "商务部", "通知"),
        (2017, "商务部", "意见"),
        (2018, "商务部", "通知"),
        (2017, "科学技术部", "通知"),
    ]:
        publish_document(
            lib,
            f"{issuer}{year}年{kind}{kind}",
            issuers=(issuer,),
            kind=kind,
            written=datetime.date(year, 5, 1),
        )
    old = publish_document(
        lib,
        "商务部2017年旧通知",
        issuers=("商务部",),
        kind="通知",
        written=datetime.date(2017, 2, 1),
    )
    publish_document(
        lib,
        "废止旧通知的通知",
        issuers=("国务院",),
        kind="决定",
        written=datetime.date(2019, 1, 1),
        links=[(old, "repeals")],
    )

    page = soup(client, lib.url)
    assert facet(page, "issuer") == {"商务部": 3, "科学技术部": 1, "国务院": 1}
    assert facet(page, "validity") == {"现行有效": 5, "已废止": 1}
    assert facet(page, "year") == {"2017年": 3, "2018年": 1, "2019年": 1}

    chosen = soup(client, lib.url, {"issuer": "商务部"})
    assert facet(chosen, "year") == {"2017年": 2, "2018年": 1}  # counted under the others
    assert facet(chosen, "validity") == {"现行有效": 3, "已废止": 1}
    for year_label, count in facet(chosen, "year").items():
        titles = listed(client, lib, issuer="商务部", year=year_label.rstrip("年"))
        assert len(titles) == count
    assert sorted(listed(client, lib, issuer="商务部", year="2017", validity="all")) == [
        "商务部2017年意见意见",
        "商务部2017年旧通知",
        "商务部2017年通知通知",
    ]
    assert listed(client, lib, validity="repealed") == ["商务部2017年旧通知"]
    assert listed(client, lib, kind="意见") == ["商务部2017年意见意见"]
    assert listed(client, lib, sort="oldest", validity="all")[0] == "商务部2017年旧通知"


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(
        st.sampled_from(["issuer", "year", "topic", "kind", "validity", "q", "sort", "page", "x"]),
        st.text(max_size=60)
        | st.sampled_from(["2017", "-1", "99999999999999999999", "all", "\x00"]),
        max_size=5,
    )
)
def test_junk_parameters_never_break_the_library(client, lib_once, params):
    response = client.get(lib_once.url, params)
    assert response.status_code == 200


@pytest.fixture
def lib_once(lib):
    publish_document(lib, "一件文件", doc_number="国发〔2020〕7号")
    return lib


def test_a_word_only_inside_the_pdf_finds_the_document(client, lib):
    publish_document(
        lib,
        "关于支持开发区合作的意见",
        attachments=[("fujian.pdf", pdf_with_text("鼓励开展飞地经济合作，共建产业园区。"))],
    )
    publish_document(lib, "另一件意见")
    assert listed(client, lib, q="飞地经济") == ["关于支持开发区合作的意见"]
    found = soup(client, "/search/", {"q": "飞地经济"})
    assert "关于支持开发区合作的意见" in found.get_text()


def test_a_word_only_inside_the_docx_finds_the_document(client, lib):
    publish_document(
        lib,
        "关于人才引进的通知",
        attachments=[("fujian.docx", docx_with_text("设立人才驿站，提供过渡住房。"))],
    )
    assert listed(client, lib, q="人才驿站") == ["关于人才引进的通知"]


def test_a_scanned_pdf_is_indexed_by_title_and_editors_are_told(admin_client, lib):
    page = publish_document(lib, "扫描的通知", attachments=[("scan.pdf", scanned_pdf())])
    attachment = page.attachments.get()
    assert attachment.text_status == "scanned" and attachment.text == ""
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert "此附件是扫描件，没有文字层" in edit.content.decode()


def test_an_attachment_that_lies_about_its_type_is_refused(lib):
    from policies.models import PolicyAttachment
    from tests.policy_pages import document_file

    fake = PolicyAttachment(document=document_file("tongzhi.pdf", b"<html>not a pdf</html>"))
    with pytest.raises(ValidationError, match="不是有效的 PDF 文件"):
        fake.clean()
    renamed = PolicyAttachment(document=document_file("tongzhi.docx", pdf_with_text("文字")))
    with pytest.raises(ValidationError, match="不是有效的 Word 文件"):
        renamed.clean()
    table = PolicyAttachment(document=document_file("biao.xlsx", b"PK\x03\x04"))
    with pytest.raises(ValidationError, match="只能是 PDF、OFD、DOC 或 DOCX"):
        table.clean()


def test_extracted_text_is_capped_well_under_postgresql_limit(lib):
    from policies.fulltext import PAGE_TEXT_LIMIT

    long_text = "开发区" * 40_000
    page = publish_document(
        lib,
        "长附件",
        attachments=[("a.docx", docx_with_text(long_text)), ("b.docx", docx_with_text(long_text))],
    )
    text = page.attachment_text()
    assert len(text) == PAGE_TEXT_LIMIT
    assert len(text.encode()) * 2 < 1024 * 1024  # segmented: at most a space per character


def test_policy_documents_are_in_the_feed_the_sitemap_and_say_legislation(client, lib):
    old = publish_document(lib, "旧办法", doc_number="商资发〔2015〕1号", issuers=("商务部",))
    page = publish_document(
        lib, "新办法", doc_number="商资发〔2021〕3号", issuers=("商务部",), links=[(old, "repeals")]
    )
    feed = client.get(lib.url + "rss/").content.decode()
    assert "新办法" in feed and "商资发〔2021〕3号" in feed
    assert page.url in client.get("/sitemap.xml").content.decode()

    def legislation(url):
        script = soup(client, url).select_one('script[type="application/ld+json"]')
        return json.loads(script.string)

    data = legislation(page.url)
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "商资发〔2021〕3号"
    assert data["legislationPassedBy"] == [{"@type": "Organization", "name": "商务部"}]
    assert data["legislationLegalForce"] == "InForce"
    assert legislation(old.url)["legislationLegalForce"] == "NotInForce"


# The library: route, the list, its count, five facet counts, the issuers, the search.
LIBRARY_BUDGET = 16
DOCUMENT_BUDGET = 14


def built_queries(client, url, monkeypatch):
    assert client.get(url).status_code == 200
    with monkeypatch.context() as patch:
        build_pages_afresh(patch)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_library_and_document_queries_do_not_grow_with_the_library(client, lib, monkeypatch):
    def add(count, start):
        for n in range(start, start + count):
            publish_document(
                lib,
                f"第{n}号文件",
                issuers=("商务部", "国务院") if n % 2 else ("商务部",),
                doc_number=f"商资发〔{2000 + n % 20}〕{n}号",
                written=datetime.date(2000 + n % 20, 1 + n % 12, 1),
                kind=["通知", "意见", "办法"][n % 3],
                topic=["统计", "开发区改革创新"][n % 2],
            )

    add(4, 1)
    first = PolicyDocumentPage.objects.first()
    newer = publish_document(lib, "修订第一件", links=[(first, "revises")])
    urls = {
        "library": lib.url,
        "library, filtered": f"{lib.url}?issuer=商务部&year=2001&validity=all&q=文件&sort=oldest",
        "document": first.url,
    }
    few = {name: built_queries(client, url, monkeypatch) for name, url in urls.items()}
    add(40, 100)
    many = {name: built_queries(client, url, monkeypatch) for name, url in urls.items()}
    assert newer.live
    for name in urls:
        budget = DOCUMENT_BUDGET if name == "document" else LIBRARY_BUDGET
        assert len(many[name]) == len(few[name]) <= budget, (name, many[name])
        assert all(sql.startswith("SELECT") for sql in many[name]), name


def edit_form(page, links):
    """The edit form of `page` as the admin posts it, with these revise/repeal `links`."""
    form = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "publish_time": "2020-01-01 09:00",
            "index_number": "",
            "doc_number": page.doc_number,
            "kind": page.kind,
            "written_on": "2020-01-01",
            "topic": "",
            "expires_on": "",
            "summary": "",
            "body": streamfield([]),
            "replaces_links": inline_formset(
                [{"target": target.pk, "kind": kind} for target, kind in links]
            ),
            "attachments": inline_formset([]),
        }
    )
    # Multiple values, as the browser posts them (nested_form_data would flatten a list).
    return {**form, "issuers": [issuer.pk for issuer in page.issuers.all()]}


def test_an_editor_is_told_of_a_cycle_and_keeps_what_was_typed(admin_client, lib):
    first = publish_document(lib, "甲办法")
    second = publish_document(lib, "乙办法", links=[(first, "revises")])
    url = f"/admin/pages/{first.pk}/edit/"
    response = admin_client.post(url, edit_form(first, [(second, "revises")]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "修订、废止关系不能成环：《甲办法》 → 《乙办法》 → 《甲办法》" in text
    assert not first.replaces_links.exists()

    response = admin_client.post(url, edit_form(first, []))
    assert response.status_code == 302  # without the link it saves


def test_a_failed_import_row_removes_the_attachment_it_stored(lib, tmp_path):
    from policies.importer import PolicyImporter, read_rows

    publish_document(lib, "有附件的通知", doc_number="国办发〔2012〕3号")
    (tmp_path / "a.pdf").write_bytes(pdf_with_text("附件"))
    listing = tmp_path / "list.csv"
    listing.write_text(
        "title,document_number,issuers,date_written,kind,expires,attachment\n"
        "有附件的通知,国办发〔2012〕3号,国务院,2012-01-01,通知,2011-01-01,a.pdf\n",
        encoding="utf-8",
    )
    media = set(Path(django_settings.MEDIA_ROOT).rglob("*.pdf"))
    report = PolicyImporter(lib).run(listing)
    assert report.failed == 1 and "有效期不能早于成文日期" in report.problems[0][1]
    assert set(Path(django_settings.MEDIA_ROOT).rglob("*.pdf")) == media
    assert len(list(read_rows(listing))) == 1

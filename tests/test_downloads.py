"""Downloads keep their Chinese names: documents and notice attachments, demo files too."""

from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.core.downloads import ascii_filename, content_disposition
from portal.site.demo.images import demo_document
from tests import factories


def saved_name(response):
    """The name a browser saves the download under: filename* when present (RFC 6266)."""
    header = response["Content-Disposition"]
    assert header.isascii()
    star = header.split("filename*=UTF-8''", 1)[1]
    return unquote(star)


@pytest.mark.django_db
def test_a_document_downloads_under_its_chinese_name(client, home):
    document = demo_document("报名回执表（示例）")
    response = client.get(document.url)
    assert response.status_code == 200
    # The stored name (storage adds a suffix when the demo already holds one of that name).
    assert saved_name(response) == document.filename
    assert document.filename.startswith("报名回执表示例")
    assert f'filename="{ascii_filename(document.filename)}"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_a_notice_attachment_links_to_its_chinese_name(client, home):
    notices = factories.NoticeIndexPageFactory(parent=home)
    notice = factories.NoticePageFactory(parent=notices)
    notice.attachments.create(document=demo_document("参会回执"))
    notice.save_revision().publish()
    html = client.get(notice.url).content.decode()
    link = html.split('class="attachments"', 1)[1].split('href="', 1)[1].split('"', 1)[0]
    assert saved_name(client.get(link)) == "参会回执.pdf"


def test_ascii_fallbacks_are_readable():
    assert ascii_filename("报名回执表（示例）.pdf") == "bao-ming-hui-zhi-biao-shi-li.pdf"
    assert ascii_filename("2021年度计划.XLSX") == "2021-nian-du-ji-hua.xlsx"
    assert ascii_filename("（）.pdf") == "download.pdf"
    assert ascii_filename("附件.文档") == "fu-jian-wen-dang"


@settings(derandomize=True, deadline=None, max_examples=50)
@given(st.text(min_size=1, max_size=40).filter(lambda name: name.strip()))
def test_any_name_makes_an_ascii_header_that_gives_the_name_back(name):
    header = content_disposition(name)
    assert header.isascii() and "\n" not in header and "\r" not in header
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback and '"' not in fallback and "\\" not in fallback
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == name

"""Every page type is valid HTML for the Nu HTML Checker (vnu.jar, `make vnu`): all pages
checked in one run of Java, errors only (warnings are advice)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from taggit.models import Tag

from association.models import Message
from news.models import NewsIndexPage
from portal.site.models import DirectoryLink, LinkGroup
from tests import factories

VNU = Path(__file__).resolve().parent.parent / ".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
JAVA = shutil.which("java")
MISSING = None if JAVA and VNU.exists() else f"no Java or no {VNU} (run `make vnu`)"


@pytest.fixture
def validator():
    if MISSING:
        if os.environ.get("REQUIRE_BROWSER"):  # CI: a skipped check is a failure
            pytest.fail(f"REQUIRE_BROWSER is set but {MISSING}")
        pytest.skip(f"HTML validity not checked: {MISSING}")

    def errors(files):
        result = subprocess.run(
            [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode in (0, 1), result.stderr  # 1: errors found
        return json.loads(result.stderr)["messages"]

    return errors


@pytest.fixture
def chrome_and_messages(every_page_type):
    """The parts every_page_type leaves empty: the footer's link directory, a public
    exchange on the message board."""
    government = LinkGroup.objects.create(name="政府部门", sort_order=1)
    government.links = [DirectoryLink(name="商务部", url="http://www.mofcom.gov.cn/")]
    government.save()
    media = LinkGroup.objects.create(name="新闻媒体", sort_order=2)
    media.links = [DirectoryLink(name="南都网", url="")]
    media.save()
    factories.MessageFactory(subject="招商政策咨询", status=Message.Status.PUBLIC, reply="答复")
    return every_page_type


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, chrome_and_messages, validator, tmp_path):
    every_page_type = chrome_and_messages
    tag_page = NewsIndexPage.objects.get().tag_url(Tag.objects.get())
    urls = every_page_type["pages"] + [tag_page, "/search/", "/search/?q=开发区", "/no-such-page/"]
    files = {}
    for number, url in enumerate(urls):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path] = url
    by_uri = {"file:" + str(path): url for path, url in files.items()}
    found = [
        f"{by_uri.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']} "
        f"[{m.get('extract', '')}]"
        for m in validator(files)
    ]
    assert found == []

"""通知公告: pinned first, newest next; expired notices leave the boxes, not their URL."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from news.models import NoticeAttachment, NoticePage
from tests import factories
from tests.helpers import SHANGHAI


@pytest.fixture
def notices(home):
    return factories.NoticeIndexPageFactory(parent=home)


def notice(parent, title, day, **fields):
    return factories.NoticePageFactory(
        parent=parent,
        title=title,
        publish_time=datetime.datetime(2020, 3, day, 9, 0, tzinfo=SHANGHAI),
        **fields,
    )


@pytest.mark.django_db
def test_pinned_first_then_newest(client, notices):
    notice(notices, "旧通知", 1)
    notice(notices, "置顶的旧通知", 2, pinned=True)
    notice(notices, "新通知", 3)
    html = client.get(notices.url).content.decode()
    order = [html.index(t) for t in ("置顶的旧通知", "新通知", ">旧通知")]
    assert order == sorted(order)


@pytest.mark.django_db
def test_an_expired_notice_leaves_the_home_page_but_stays_readable(client, home, notices):
    past = timezone.now() - datetime.timedelta(minutes=1)
    future = timezone.now() + datetime.timedelta(days=1)
    expired = notice(notices, "报名已截止的通知", 1, expires_at=past)
    notice(notices, "仍在展示的通知", 2, expires_at=future)
    notice(notices, "长期有效的通知", 3)
    home_html = client.get("/").content.decode()
    assert "报名已截止的通知" not in home_html
    assert "仍在展示的通知" in home_html and "长期有效的通知" in home_html
    assert list(NoticePage.objects.current().values_list("title", flat=True).order_by("pk")) == [
        "仍在展示的通知",
        "长期有效的通知",
    ]
    page = client.get(expired.url)
    assert page.status_code == 200 and "报名已截止的通知" in page.content.decode()
    assert "报名已截止的通知" in client.get(notices.url).content.decode()


@pytest.mark.django_db
def test_attachments_are_listed_with_type_and_size(client, notices):
    item = notice(notices, "关于报送材料的通知", 1, doc_number="中开协〔2020〕5号")
    document = Document(title="报名表")
    document.file.save("baomingbiao.docx", ContentFile(b"x" * 2048), save=False)
    document.save()
    NoticeAttachment.objects.create(page=item, document=document, sort_order=0)
    html = client.get(item.url).content.decode()
    assert "中开协〔2020〕5号" in html
    assert "报名表" in html and "DOCX" in html and "2.0" in html and "KB" in html
    assert f'href="{document.url}" download' in html


@pytest.mark.django_db
def test_the_notice_box_is_cached_only_until_its_next_notice_expires(client, notices, monkeypatch):
    from portal.caching import generation as page_cache

    lifetimes = {}
    real_set = page_cache.cache.set

    def recording_set(key, value, timeout=None, *args, **kwargs):
        if key.startswith("portal:chrome:"):  # portal:chrome:<site>:<name>:…
            lifetimes[key.split(":")[3]] = timeout
        return real_set(key, value, timeout, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", recording_set)
    notice(notices, "即将截止的通知", 1, expires_at=timezone.now() + datetime.timedelta(seconds=30))
    assert "即将截止的通知" in client.get("/").content.decode()
    assert 0 < lifetimes["notices"] <= 31
    assert lifetimes["footer"] == page_cache.DAY

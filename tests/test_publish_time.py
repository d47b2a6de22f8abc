"""发布时间 is the article's own field and Wagtail's first_published_at follows it."""

import datetime

import pytest

from tests import factories
from tests.helpers import SHANGHAI


@pytest.mark.django_db
def test_first_published_at_equals_publish_time_after_publishing(column):
    when = datetime.datetime(2020, 3, 19, 10, 38, tzinfo=SHANGHAI)
    article = factories.NewsPageFactory(parent=column, publish_time=when, live=False)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.first_published_at == when
    assert article.live


@pytest.mark.django_db
def test_changing_publish_time_moves_first_published_at(column, client):
    article = factories.NewsPageFactory(parent=column)
    article.publish_time = datetime.datetime(2019, 12, 1, 8, 5, tzinfo=SHANGHAI)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.first_published_at == article.publish_time
    assert "2019年12月01日 08:05" in client.get(article.url).content.decode()


@pytest.mark.django_db
def test_notice_publish_time_is_shown_in_chinese_format(home, client):
    notices = factories.NoticeIndexPageFactory(parent=home)
    notice = factories.NoticePageFactory(
        parent=notices, publish_time=datetime.datetime(2020, 3, 2, 9, 0, tzinfo=SHANGHAI)
    )
    assert notice.first_published_at == notice.publish_time
    html = client.get(notice.url).content.decode()
    assert "2020年03月02日 09:00" in html
    assert notice.doc_number in html


@pytest.mark.django_db
def test_a_scheduled_draft_was_never_published(column, admin_client):
    """The admin's status panel of a draft scheduled for later says nothing of a first
    publication (Wagtail shows 首次发布 whenever first_published_at is set)."""
    later = datetime.datetime.now(SHANGHAI) + datetime.timedelta(days=2)
    article = factories.NewsPageFactory(parent=column, live=False, go_live_at=later)
    article.save_revision().publish()  # scheduled: stays a draft until `later`
    article.refresh_from_db()
    assert not article.live
    assert article.first_published_at is None
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "定时发布" in html
    assert "首次发布" not in html

"""专题: a topic page gathers articles by tag or by hand, newest first."""

import datetime

import pytest

from tests import factories
from tests.helpers import SHANGHAI


@pytest.mark.django_db
def test_topic_sections_by_tag_and_by_hand(client, news_index, column):
    topics = factories.TopicIndexPageFactory(parent=news_index)
    tagged = []
    for n in range(3):
        article = factories.NewsPageFactory(
            parent=column,
            title=f"复工报道{n}",
            publish_time=datetime.datetime(2020, 3, n + 1, tzinfo=SHANGHAI),
        )
        article.tags.add("复工复产")
        article.save_revision().publish()
        tagged.append(article)
    picked = factories.NewsPageFactory(parent=column, title="编辑精选")
    factories.NewsPageFactory(parent=column, title="与专题无关")
    draft = factories.NewsPageFactory(parent=column, title="未发布精选", live=False)
    topic = factories.TopicPageFactory(
        parent=topics,
        title="复工复产专题",
        sections=[
            ("section", {"title": "各地举措", "tag": "复工复产", "articles": [], "count": 2}),
            ("section", {"title": "编辑推荐", "tag": "", "articles": [picked, draft], "count": 5}),
        ],
    )
    html = client.get(topic.url).content.decode()
    assert topic.url == "/news/topics/fu-gong-fu-chan-zhuan-ti/"
    first, second = html.split("各地举措")[1].split("编辑推荐")
    assert first.index("复工报道2") < first.index("复工报道1")
    assert "复工报道0" not in first  # count 2
    assert "编辑精选" in second and "未发布精选" not in second
    assert "与专题无关" not in html

    index = client.get(news_index.url).content.decode()
    assert f'href="{topic.url}"' in index

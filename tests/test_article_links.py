"""From an article a reader goes on: its tags, the previous and next article, related ones."""

import datetime

import pytest

from news.models import NewsPage
from tests import factories
from tests.helpers import SHANGHAI


def at(day):
    return datetime.datetime(2020, 3, day, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def three(column):
    return [
        factories.NewsPageFactory(parent=column, title=title, publish_time=at(day))
        for day, title in [(1, "一月动态"), (2, "二月动态"), (3, "三月动态")]
    ]


@pytest.mark.django_db
def test_previous_and_next_follow_the_publish_time_within_the_column(client, three, news_index):
    other_column = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    factories.NewsPageFactory(parent=other_column, title="别的栏目", publish_time=at(2))
    oldest, middle, newest = three
    html = client.get(middle.url).content.decode()
    assert f'<a href="{oldest.url}" rel="prev">一月动态</a>' in html
    assert f'<a href="{newest.url}" rel="next">三月动态</a>' in html
    assert "别的栏目" not in html.split("article-neighbours")[1].split("</nav>")[0]


@pytest.mark.django_db
def test_at_the_ends_of_a_column_it_says_there_is_none(client, three):
    oldest, _, newest = three
    assert "上一篇：没有了" in client.get(oldest.url).content.decode()
    assert "下一篇：没有了" in client.get(newest.url).content.decode()


@pytest.mark.django_db
def test_drafts_are_skipped_by_previous_and_next(client, column, three):
    oldest, middle, _ = three
    factories.NewsPageFactory(parent=column, title="草稿", publish_time=at(2), live=False)
    html = client.get(oldest.url).content.decode()
    assert 'rel="next">二月动态</a>' in html


@pytest.mark.django_db
def test_related_articles_rank_shared_tags_then_the_same_column(client, news_index, column):
    other = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    article = factories.NewsPageFactory(parent=column, title="主文章")
    article.tags.add("复工复产", "口罩")
    article.save_revision().publish()
    both = factories.NewsPageFactory(parent=other, title="两个相同标签")
    both.tags.add("复工复产", "口罩")
    both.save_revision().publish()
    one = factories.NewsPageFactory(parent=other, title="一个相同标签")
    one.tags.add("口罩")
    one.save_revision().publish()
    unrelated = factories.NewsPageFactory(parent=other, title="毫无关系")
    neighbours = [
        factories.NewsPageFactory(parent=column, title=f"同栏目{n}", publish_time=at(n + 1))
        for n in range(6)
    ]

    related = article.related_articles(list(article.tags.all()))
    assert [a.title for a in related[:2]] == ["两个相同标签", "一个相同标签"]
    assert [a.title for a in related[2:]] == [n.title for n in neighbours[::-1][:4]]
    assert unrelated not in related
    html = client.get(article.url).content.decode()
    assert "相关文章" in html and "两个相同标签" in html


@pytest.mark.django_db
def test_tags_link_to_a_paginated_tag_listing(client, column, news_index):
    article = factories.NewsPageFactory(parent=column, title="园区复工")
    article.tags.add("复工复产")
    article.save_revision().publish()
    for n in range(25):
        tagged = factories.NewsPageFactory(parent=column, title=f"复工报道{n}", publish_time=at(1))
        tagged.tags.add("复工复产")
        tagged.save_revision().publish()
    factories.NewsPageFactory(parent=column, title="无标签文章")

    html = client.get(article.url).content.decode()
    tag_url = news_index.tag_url(article.tags.get())
    assert f'href="{tag_url}"' in html
    listing = client.get(tag_url)
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "标签：复工复产" in text and "共 26 条" in text and "无标签文章" not in text
    assert client.get(tag_url + "?page=2").status_code == 200
    assert client.get("/news/tags/no-such-tag/").status_code == 404


@pytest.mark.django_db
def test_a_moved_article_is_listed_and_linked_in_its_new_column(client, news_index, column, three):
    oldest, middle, newest = three
    other = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    factories.NewsPageFactory(parent=other, title="政策一", publish_time=at(1))
    factories.NewsPageFactory(parent=other, title="政策三", publish_time=at(3))
    middle.save_revision()  # a draft from before the move, published after it
    middle.move(other, pos="last-child")
    middle.get_latest_revision().publish()

    assert "二月动态" in client.get(other.url).content.decode()
    assert "二月动态" not in client.get(column.url).content.decode()
    html = client.get(NewsPage.objects.get(pk=middle.pk).url).content.decode()
    assert 'rel="prev">政策一</a>' in html and 'rel="next">政策三</a>' in html
    assert f'rel="next">{newest.title}</a>' in client.get(oldest.url).content.decode()

"""A publish invalidates only what it changed: what showed the changed page (itself, its
neighbours, its column's listings, pages linking to it) is rebuilt on its next request,
the rest of the site stays cached, and no cached page ever differs from a fresh one."""

import random
import re
import time

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_factories import ImageFactory

from news.models import NewsPage
from portal.caching import generation as page_cache
from portal.site.models import LinkGroup, SiteSettings
from tests import factories


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def columns(news_index, column):
    """Three columns: the tests change the first two and check the third stays cached."""
    more = [factories.NewsCategoryPageFactory(parent=news_index) for _ in range(2)]
    return [column, *more]


def untouched(columns, articles):
    return [article.url for article in articles[columns[2].pk]]


@pytest.fixture
def articles(columns):
    """Five articles a column, oldest first."""
    return {
        column.pk: [factories.NewsPageFactory(parent=column) for _ in range(5)]
        for column in columns
    }


def state(client, url):
    response = client.get(url)
    return response["X-Page-Cache"] if response.status_code == 200 else response.status_code


def warm(client, urls):
    for url in urls:
        client.get(url)
    assert all(state(client, url) == "hit" for url in urls), "the pages were not kept"


def article_urls(articles):
    return [article.url for column in articles.values() for article in column]


def test_a_new_article_leaves_the_other_articles_cached(client, columns, articles, news_index):
    column, other_column, _ = columns
    urls = article_urls(articles)
    warm(client, [*urls, column.url, news_index.url, "/"])
    newest = articles[column.pk][-1]

    new = factories.NewsPageFactory(parent=column, title="开发区招商引资新政策")

    # What shows it: its neighbour's 下一篇, the column, 资讯中心 and the home page.
    page = client.get(newest.url)
    assert page["X-Page-Cache"] == "miss" and "开发区招商引资新政策" in page.content.decode()
    for url in (column.url, news_index.url):
        assert "开发区招商引资新政策" in client.get(url).content.decode()
    assert client.get(new.url).status_code == 200
    # The other articles, in its column and the other, are still served from the cache.
    others = [url for url in urls if url != newest.url]
    assert {url: state(client, url) for url in others} == dict.fromkeys(others, "hit")


def test_a_new_article_rebuilds_its_own_column_and_leaves_the_others_cached(
    client, columns, articles
):
    column, *others = columns
    warm(client, [c.url for c in columns])

    factories.NewsPageFactory(parent=column, title="开发区招商引资新政策")

    assert state(client, column.url) == "miss"
    assert "开发区招商引资新政策" in client.get(column.url).content.decode()
    assert {c.url: state(client, c.url) for c in others} == dict.fromkeys(
        (c.url for c in others), "hit"
    )


def test_a_retitled_article_is_shown_by_its_neighbours(client, columns, articles):
    column = columns[0]
    older, middle, newer, *_ = articles[column.pk]
    warm(client, article_urls(articles))

    middle.title = "高新区产业发展报告（修订）"
    middle.save_revision().publish()

    for neighbour in (older, newer):
        assert "高新区产业发展报告（修订）" in client.get(neighbour.url).content.decode()
    assert all(state(client, url) == "hit" for url in untouched(columns, articles))


def test_unpublishing_an_article_rebuilds_its_neighbours_and_the_pages_linking_to_it(
    client, columns, articles
):
    column, other_column, _ = columns
    older, middle, newer, *_ = articles[column.pk]
    linking = articles[other_column.pk][0]
    linking.body = [
        ("paragraph", RichText(f'<p>参见<a linktype="page" id="{middle.pk}">报告</a></p>'))
    ]
    linking.save_revision().publish()
    assert f'href="{middle.url}"' in client.get(linking.url).content.decode()
    warm(client, article_urls(articles))

    middle.unpublish()

    assert client.get(middle.url).status_code == 404
    assert middle.title not in client.get(older.url).content.decode()
    assert middle.title not in client.get(newer.url).content.decode()
    assert state(client, linking.url) == "miss"
    assert all(state(client, url) == "hit" for url in untouched(columns, articles))


def test_a_renamed_column_moves_every_address_below_it(client, columns, articles):
    column, other_column, _ = columns
    target = articles[column.pk][2]
    linking = articles[other_column.pk][0]
    linking.body = [
        ("paragraph", RichText(f'<p>参见<a linktype="page" id="{target.pk}">这篇</a></p>'))
    ]
    linking.save_revision().publish()
    warm(client, article_urls(articles))

    column.slug = "provincial"
    column.save_revision().publish()

    target = NewsPage.objects.get(pk=target.pk)
    assert "/provincial/" in target.url
    assert f'href="{target.url}"' in client.get(linking.url).content.decode()
    assert client.get(target.url).status_code == 200
    # Menus show the column: every page's chrome changed.
    assert state(client, articles[other_column.pk][1].url) == "miss"


def test_moving_an_article_updates_both_columns(client, columns, articles):
    column, other_column, _ = columns
    older, moving, newer, *_ = articles[column.pk]
    warm(client, article_urls(articles))

    moving.move(other_column, pos="last-child")

    moving = NewsPage.objects.get(pk=moving.pk)
    assert moving.title not in client.get(older.url).content.decode()
    assert client.get(moving.url).status_code == 200
    assert all(state(client, url) == "hit" for url in untouched(columns, articles))


def test_a_picture_changed_rebuilds_only_the_articles_that_show_it(client, columns, articles):
    column = columns[0]
    shown_in = articles[column.pk][0]
    shown_in.cover_image = ImageFactory(title="园区全景")
    shown_in.save_revision().publish()
    warm(client, article_urls(articles))

    image = shown_in.cover_image
    image.title = "园区全景（航拍）"
    image.save()

    assert state(client, shown_in.url) == "miss"
    assert all(state(client, url) == "hit" for url in untouched(columns, articles))


def test_the_footer_and_a_notice_reach_every_page(client, columns, articles, home):
    urls = article_urls(articles)
    warm(client, urls)
    group = LinkGroup.objects.create(name="政府部门")
    group.links.create(name="商务部", url="https://www.mofcom.gov.cn/")
    group.save()
    assert all("商务部" in client.get(url).content.decode() for url in urls)

    warm(client, urls)
    notices = factories.NoticeIndexPageFactory(parent=home)
    factories.NoticePageFactory(parent=notices, title="关于召开年度会员大会的通知")
    assert all("关于召开年度会员大会的通知" in client.get(url).content.decode() for url in urls)


def test_the_admin_reading_the_settings_for_the_first_time_changes_nothing(
    client, columns, articles, admin_client
):
    urls = article_urls(articles)
    warm(client, urls)
    # Wagtail writes the settings row with its defaults the first time the admin reads it.
    assert admin_client.get("/admin/").status_code == 200
    assert SiteSettings.objects.exists()
    assert all(state(client, url) == "hit" for url in urls)
    settings_row = SiteSettings.objects.get()
    settings_row.site_name = "中国开发区协会（新）"
    settings_row.save()
    assert all(state(client, url) == "miss" for url in urls)


def test_related_articles_may_lag_at_most_an_hour(client, settings, columns, articles):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 24 * 3600
    article = articles[columns[0].pk][0]
    client.get(article.url)
    # A new article joining the related ones touches nothing: the page and its main
    # block end within the hour instead.
    entries = page_cache.local.entries.values()
    pages = [entry for entry in entries if isinstance(entry[0], tuple) and len(entry[0]) == 5]
    blocks = [entry for entry in entries if isinstance(entry[0], str) and "相关文章" in entry[0]]
    assert pages and blocks
    assert all(expires_at <= time.time() + 3600 for _, expires_at, _ in pages + blocks)


def test_a_page_built_while_what_it_shows_changes_is_served_but_not_kept(
    client, settings, columns, articles
):
    settings.CACHE_CLOCK_SKEW_SECONDS = 60  # as if another host's clock were a minute ahead
    article = articles[columns[0].pk][0]
    article.title = "刚刚改过的标题"
    article.save_revision().publish()
    assert "刚刚改过的标题" in client.get(article.url).content.decode()
    assert state(client, article.url) == "miss"  # not kept: the change was too recent


# Each step changes the site as an editor would; after it, every cached page must be
# the page built afresh.
def publish_article(rng, columns, articles):
    column = rng.choice(columns)
    articles[column.pk].append(
        factories.NewsPageFactory(parent=column, title=f"新稿{rng.random()}")
    )


def retitle_article(rng, columns, articles):
    article = NewsPage.objects.get(pk=rng.choice(live_ids(articles)))
    article.title = f"改题{rng.random()}"
    article.save_revision().publish()


def unpublish_article(rng, columns, articles):
    NewsPage.objects.get(pk=rng.choice(live_ids(articles))).unpublish()


def move_article(rng, columns, articles):
    article = NewsPage.objects.get(pk=rng.choice(live_ids(articles)))
    target = next(column for column in columns if column.pk != article.column_id)
    article.move(target, pos="last-child")


def redate_article(rng, columns, articles):
    article = NewsPage.objects.get(pk=rng.choice(live_ids(articles)))
    article.publish_time = article.publish_time.replace(year=rng.choice([2019, 2021]))
    article.save_revision().publish()


def delete_article(rng, columns, articles):
    Page.objects.get(pk=rng.choice(live_ids(articles))).delete()


def live_ids(articles):
    ids = [article.pk for column in articles.values() for article in column]
    return list(NewsPage.objects.live().filter(pk__in=ids).values_list("pk", flat=True))


STEPS = [
    publish_article,
    retitle_article,
    unpublish_article,
    move_article,
    redate_article,
    delete_article,
]


def every_page(columns, news_index):
    pages = NewsPage.objects.live().order_by("pk")
    return [*(page.url for page in pages), *(c.url for c in columns), news_index.url, "/"]


RELATED = re.compile(r'<section class="related-articles">.*?</section>', re.S)
LINK = re.compile(r'class="card-title" href="([^"]+)">([^<]+)</a>')


def cached_and_fresh(client, urls):
    cached = {url: client.get(url).content.decode() for url in urls}
    page_cache.bump_generation()  # everything built afresh
    return cached, {url: client.get(url).content.decode() for url in urls}


def related_links(html):
    """(address, title) of each related article shown: a suggestion that may lag."""
    found = RELATED.search(html)
    return LINK.findall(found.group(0)) if found else []


def live_articles():
    return {(page.url, page.title) for page in NewsPage.objects.live()}


@pytest.mark.parametrize("seed", range(3))
def test_no_cached_page_differs_from_a_fresh_one_after_any_change(
    client, seed, columns, articles, news_index
):
    rng = random.Random(seed)
    for _ in range(4):
        urls = every_page(columns, news_index)
        for url in urls:
            client.get(url)
        step = rng.choice(STEPS)
        step(rng, columns, articles)
        urls = every_page(columns, news_index)
        cached, fresh = cached_and_fresh(client, urls)
        stale = [url for url in urls if RELATED.sub("", cached[url]) != RELATED.sub("", fresh[url])]
        assert not stale, f"after {step.__name__}: stale {stale}"
        # Related articles may miss a new one, never show a gone or renamed one.
        shown = {link for url in urls for link in related_links(cached[url])}
        assert shown and shown <= live_articles(), f"after {step.__name__}"


def test_what_only_editors_see_leaves_every_page_cached(client, columns, articles, home):
    """栏目更新周期, the 留言 calendar and its settings, the 敏感词 list: no page shows them."""
    from association.models import CalendarDay, MessageSettings, SensitiveWord
    from portal.site.health.models import ColumnSchedule

    urls = [home.url, *(column.url for column in columns), *article_urls(articles)]
    warm(client, urls)
    ColumnSchedule.objects.create(page=columns[0], interval_days=30)
    CalendarDay.objects.create(date="2031-10-01", kind=CalendarDay.Kind.HOLIDAY, note="国庆节")
    MessageSettings.load().save()
    SensitiveWord.objects.create(word="某某词")
    assert {url: state(client, url) for url in urls} == dict.fromkeys(urls, "hit")

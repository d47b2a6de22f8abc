"""portal.0006 mends sites that already hold pages with an empty or duplicate slug."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from news.models import NewsPage
from portal.core.tree import add_child_page
from tests import factories


def break_slug(page, slug):
    """What the old 投稿 path left: the row's slug (and address) without the pinyin."""
    url_path = page.get_parent().url_path + slug + "/"
    Page.objects.filter(pk=page.pk).update(slug=slug, url_path=url_path)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_broken_pages_proper_slugs_and_keeps_their_ids(home):
    column = factories.NewsCategoryPageFactory(
        parent=factories.NewsIndexPageFactory(parent=home), title="国家级开发区动态"
    )
    draft = add_child_page(column, NewsPage(title="开发区招商引资新政策", live=False))
    draft.save_revision()
    emoji = add_child_page(column, NewsPage(title="🎉", live=False))
    live = factories.NewsPageFactory(parent=column, title="高新区产业发展报告", slug="report")
    twin = factories.NewsPageFactory(parent=column, title="高新区产业发展报告", slug="report-x")
    empty_column = factories.NewsCategoryPageFactory(parent=column.get_parent(), title="协会动态")
    child = factories.NewsPageFactory(parent=empty_column, title="协会召开年会", slug="nian-hui")
    break_slug(draft, "")
    break_slug(emoji, "")
    break_slug(twin, "report")  # a sibling already has it, and is live
    break_slug(empty_column, "")
    Page.objects.filter(pk=child.pk).update(url_path=f"{home.url_path}news//nian-hui/")

    call_command("migrate", "portal", "0005", verbosity=0)
    call_command("migrate", verbosity=0)  # every app: those built on portal were undone too

    def mended(page):
        return Page.objects.get(pk=page.pk)

    assert mended(draft).slug == "kai-fa-qu-zhao-shang-yin-zi-xin-zheng-ce"
    assert mended(draft).url_path == f"{column.url_path}kai-fa-qu-zhao-shang-yin-zi-xin-zheng-ce/"
    assert mended(draft).get_latest_revision().content["slug"] == mended(draft).slug
    assert mended(emoji).slug.startswith("page-20")
    assert mended(live).slug == "report"  # the live page keeps its address
    assert mended(twin).slug == "gao-xin-qu-chan-ye-fa-zhan-bao-gao"
    assert mended(empty_column).slug == "xie-hui-dong-tai"
    assert mended(child).url_path == f"{home.url_path}news/xie-hui-dong-tai/nian-hui/"
    siblings = list(column.get_children().values_list("slug", flat=True))
    assert len(siblings) == len(set(siblings)) == 4

    # The mended draft is published where its row says, and reachable there.
    NewsPage.objects.get(pk=draft.pk).get_latest_revision().publish()
    assert mended(draft).live and mended(draft).url_path.endswith("xin-zheng-ce/")

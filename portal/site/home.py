"""What the home page shows, gathered in a fixed number of queries, each section kept
until what it shows changes."""

import copy

from django.utils import timezone

from association.models import MagazineIssuePage
from news.models import (
    NewsCategoryPage,
    NewsPage,
    NoticePage,
    TopicPage,
    for_cards,
    with_latest_articles,
)
from portal.caching import dependencies, tags
from portal.caching.generation import remember
from portal.caching.tags import kind_tag, page_tag
from zones.models import ZonePage

HEADLINES = 5
NOTICES = 6
TOPICS = 3
SPOTLIGHT_ZONES = 6


def home_columns(home):
    """The columns editors chose, in their order; every column when none was chosen."""
    chosen = list(home.home_columns.select_related("column").filter(column__live=True))
    if chosen:
        return [(item.column, item.count) for item in chosen]
    columns = NewsCategoryPage.objects.descendant_of(home).live().order_by("path")
    return [(column, 6) for column in columns]


def spotlight_zones(home):
    chosen = [item.zone for item in home.spotlight_zones.select_related("zone") if item.zone.live]
    if chosen:
        return chosen
    zones = ZonePage.objects.descendant_of(home).live().order_by("-first_published_at")
    return list(zones[:SPOTLIGHT_ZONES])


def home_sections(home, preview=False):
    """The sections, each kept until what it shows changes: the home page itself (its
    blocks are its rows), the pages it lists and what its tags name, so a publish
    rebuilds only the sections that show what changed. A preview shows the draft's own
    blocks, never kept ones."""

    def section(name, build, *shows):
        if preview:
            return build()
        return remember(f"home:{home.pk}:{name}", build, tags=(page_tag(home), *shows))

    def headlines():
        chosen = NewsPage.objects.descendant_of(home).live()
        chosen = chosen.filter(is_headline=True, cover_image__isnull=False)
        return dependencies.pages_shown(for_cards(chosen.order_by("-publish_time"))[:HEADLINES])

    def columns():
        chosen = home_columns(home)
        dependencies.pages_shown(column for column, _ in chosen)
        return chosen

    def notices():
        current = NoticePage.objects.descendant_of(home).current().board_order()
        shown = dependencies.pages_shown(current[:NOTICES])
        ends = [notice.expires_at for notice in shown if notice.expires_at is not None]
        if ends:  # the list changes when one of them expires, with nothing saved
            dependencies.lasts_at_most((min(ends) - timezone.now()).total_seconds())
        return shown

    def topics():
        topics = TopicPage.objects.descendant_of(home).live().select_related("banner_image")
        return dependencies.pages_shown(topics.order_by("-first_published_at")[:TOPICS])

    def zones():
        return dependencies.pages_shown(spotlight_zones(home)[:SPOTLIGHT_ZONES])

    def latest_issue():
        issues = MagazineIssuePage.objects.descendant_of(home).live().select_related("cover")
        return dependencies.pages_shown([issues.order_by("-year", "-number").first()])[0]

    # Copies: each request sets the columns' `latest_articles` on its own.
    chosen = section("columns", columns, kind_tag(NewsCategoryPage))
    return {
        "headlines": section("headlines", headlines, tags.HEADLINES),
        "columns": with_latest_articles([(copy.copy(column), n) for column, n in chosen]),
        "notices": section("notices", notices, tags.NOTICES),
        "topics": section("topics", topics, kind_tag(TopicPage)),
        "spotlight_zones": section("zones", zones, kind_tag(ZonePage)),
        "latest_issue": section("issue", latest_issue, kind_tag(MagazineIssuePage)),
    }

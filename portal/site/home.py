"""What the home page shows, gathered in a fixed number of queries."""

from association.models import MagazineIssuePage
from news.models import (
    NewsCategoryPage,
    NewsPage,
    NoticePage,
    TopicPage,
    for_cards,
    with_latest_articles,
)
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


def home_sections(home):
    live_news = NewsPage.objects.descendant_of(home).live()
    return {
        "headlines": for_cards(
            live_news.filter(is_headline=True, cover_image__isnull=False).order_by("-publish_time")
        )[:HEADLINES],
        "columns": with_latest_articles(home_columns(home)),
        "notices": NoticePage.objects.descendant_of(home).current().board_order()[:NOTICES],
        "topics": TopicPage.objects.descendant_of(home)
        .live()
        .select_related("banner_image")
        .order_by("-first_published_at")[:TOPICS],
        "spotlight_zones": spotlight_zones(home)[:SPOTLIGHT_ZONES],
        "latest_issue": MagazineIssuePage.objects.descendant_of(home)
        .live()
        .select_related("cover")
        .order_by("-year", "-number")
        .first(),
    }

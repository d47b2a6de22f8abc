"""Readers find what they mean: recall@5 over a fixed set of queries on the demo content."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from tests.search_paths import SEARCH_PATHS
from zones.models import ZonePage

pytestmark = SEARCH_PATHS

QUERIES = Path(__file__).with_name("queries.tsv")
# Names readers use for zones whose catalogue entry has none (the demo CSV has no 简称).
SHORT_NAMES = {
    "北京经济技术开发区": "北京经开区",
    "西安高新技术产业开发区": "西安高新区",
    "武汉东湖新技术开发区": "东湖高新区",
    "重庆经济技术开发区": "重庆经开区",
    "合肥经济技术开发区": "合肥经开区",
    "昆山经济技术开发区": "昆山经开区",
}


def relevance_set():
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, titles = line.split("\t")
            yield query, [title.strip() for title in titles.split("|")]


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    call_command("load_demo", "--no-admin", verbosity=0)
    # As an editor would: each publish commits, and articles naming the zone are re-segmented.
    for zone in ZonePage.objects.filter(title__in=SHORT_NAMES):
        with django_capture_on_commit_callbacks(execute=True):
            zone.short_name = SHORT_NAMES[zone.title]
            zone.save_revision().publish()


def top_five(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in page.select(".search-result > a")][:5]


def test_recall_at_five_is_at_least_ninety_percent(demo, client):
    queries = list(relevance_set())
    assert len(queries) >= 30
    recalls, misses = [], []
    for query, expected in queries:
        found = top_five(client, query)
        missing = [title for title in expected if title not in found]
        recalls.append(1 - len(missing) / len(expected))
        if missing:
            misses.append(f"{query}: missing {missing}, got {found}")
    recall = sum(recalls) / len(recalls)
    print(f"recall@5 = {recall:.3f} over {len(queries)} queries")
    print("\n".join(misses))
    assert recall >= 0.9, "\n".join(misses)

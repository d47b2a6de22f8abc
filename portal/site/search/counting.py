"""How many pages a search matches: counted exactly up to COUNTED_UP_TO, estimated past it.

Counting every match of a word found in most articles reads every match (0.2–1 s at
100,000 articles on PostgreSQL). Counting (in the dated entries, one row a page:
portal.site.search.dated) stops at the first COUNTED_UP_TO + 1 matches in no particular
order (the index gives the matches, each is checked against the filters until enough are
found); past that PostgreSQL's planner estimates the
full number from its statistics, and the page says 约. Other databases count exactly (on
a site small enough for SQLite that is cheap; Elasticsearch counts from its index).

Even the capped count checks a thousand matches' text vectors one by one (20–85 ms at
100,000 articles), so when the planner already expects more than NOT_COUNTED_PAST matches
the count is skipped and its estimate shown. The planner's errors go the other way: it
takes two words, or a word and a date range, as independent, and expects too few
(docs/search.md), so such searches are still counted.
"""

import json
from dataclasses import dataclass

from django.db.models import QuerySet

COUNTED_UP_TO = 1000
NOT_COUNTED_PAST = 5 * COUNTED_UP_TO


@dataclass
class Count:
    number: int
    estimated: bool = False


def count_matches(matches):
    """The Count of a search's matches: Wagtail search results, counted exactly, or on
    PostgreSQL the queryset of their dated entries (portal.site.search.dated)."""
    if not isinstance(matches, QuerySet):
        return Count(matches.count())
    unordered = matches.order_by()  # any matches will do: no sort, no top-N
    planned = planned_rows(unordered)
    if planned <= NOT_COUNTED_PAST:
        counted = unordered[: COUNTED_UP_TO + 1].count()
        if counted <= COUNTED_UP_TO:
            return Count(counted)
    return Count(max(rounded(planned), COUNTED_UP_TO + 1), estimated=True)


def planned_rows(queryset):
    """PostgreSQL's estimate of the number of rows the query returns (EXPLAIN, not run)."""
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def rounded(number):
    """To two significant figures: an estimate should not look exact (95,372 → 95,000)."""
    if number < 100:
        return number
    unit = 10 ** (len(str(number)) - 2)
    return round(number / unit) * unit

"""How long a cached entry may live: until the next change made by the clock alone.

A notice expiring, a revision approved for scheduled publishing going live, midnight
(the home page, the notice box and 哀悼模式 change then): nothing is saved at those
moments, so nothing replaces the generation, and entries are cut short instead.
"""

import datetime
import time

from django.db.models import Min
from django.utils import timezone
from wagtail.models import Revision, get_page_models

from portal.caching.dependencies import unrecorded
from portal.caching.generation import remember
from portal.caching.tags import NOTICES, SCHEDULE


def clock_changes():
    """Seconds until each page type's content changes by the clock, as page types that
    have such content declare (`seconds_until_clock_change`, a classmethod)."""
    for model in get_page_models():
        declared = getattr(model, "seconds_until_clock_change", None)
        if declared is not None:
            yield declared()


def seconds_until_scheduled_change():
    """Seconds until pages change by the clock alone: a notice expires, or a revision
    approved for scheduled publishing goes live; None when nothing is due."""
    waits = list(clock_changes())
    now = timezone.now()
    go_live = Revision.objects.filter(approved_go_live_at__gt=now).aggregate(
        soonest=Min("approved_go_live_at")
    )["soonest"]
    if go_live is not None:
        waits.append(int((go_live - now).total_seconds()) + 1)
    return min((wait for wait in waits if wait), default=None)


def seconds_until_midnight():
    now = timezone.localtime()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()


def next_scheduled_change():
    """When (time.time()) pages change by the clock alone, or 0 when nothing is due."""
    remaining = seconds_until_scheduled_change()
    return time.time() + remaining if remaining else 0


def entry_lifetime(longest):
    """Seconds an entry may live: at most `longest`, cut short by the next notice expiry
    or scheduled go-live and by midnight (the home page, the notice box and 哀悼模式
    change then without anything being saved)."""
    with unrecorded():  # how long an entry lives is not what it shows
        deadline = remember("scheduled-change", next_scheduled_change, tags=(SCHEDULE, NOTICES))
    longest = min(longest, int(seconds_until_midnight()) + 1)
    return max(1, min(longest, int(deadline - time.time()))) if deadline else longest

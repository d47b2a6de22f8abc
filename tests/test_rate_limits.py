"""Every rate limit counts in a sliding window (portal/security/throttles.py): a burst
across a fixed window's end is refused, the count is exact under concurrency on each kind
of cache, and a post the site failed to save costs nothing (tests/test_submit_draft.py)."""

import datetime
import threading

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings

from association.models import Message
from association.models.pages import MESSAGES_RATE_LIMIT
from portal.security.throttles import SlidingWindow
from tests import factories
from tests.test_message_board import POST

pytestmark = pytest.mark.django_db

# 10:00:00 starts a window of every period the portal uses (60, 600 and 3600 s).
BOUNDARY = datetime.datetime(2026, 3, 2, 10, 0, 0, tzinfo=datetime.UTC)


def at(seconds):
    """A clock standing `seconds` after the boundary (negative: before it)."""
    return time_machine.travel(BOUNDARY + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def board(home):
    return factories.MessageBoardPageFactory(parent=home)


def send(number, ip="10.7.7.7"):
    return Client().post("/messages/", {**POST, "subject": f"第{number}条"}, REMOTE_ADDR=ip)


def test_a_burst_across_the_windows_end_is_refused(board):
    """Five messages in the last seconds of one window and five in the first of the next:
    a fixed window let all ten through within 7 s; now only the first five pass."""
    limit = MESSAGES_RATE_LIMIT.limit
    with at(-4):
        assert [send(n).status_code for n in range(limit)] == [302] * limit
    with at(3):
        statuses = [send(limit + n).status_code for n in range(limit)]
    assert statuses == [429] * limit
    assert Message.objects.count() == limit


def test_the_window_slides_posts_come_back_as_old_ones_age(board):
    limit, period = MESSAGES_RATE_LIMIT.limit, MESSAGES_RATE_LIMIT.period
    with at(-1):
        for n in range(limit):
            assert send(n).status_code == 302
    # Half a period on, about half of those five still count: two more pass, not five.
    with at(period // 2):
        statuses = [send(limit + n).status_code for n in range(limit)]
    assert statuses == [302, 302] + [429] * (limit - 2)
    # A whole period after the last of them, the address has its full limit again.
    with at(2 * period):
        assert [send(20 + n).status_code for n in range(limit)] == [302] * limit
        assert send(99).status_code == 429


def test_the_admin_throttles_slide_too(client, editor, mailoutbox):
    """The password reset per address, counted by the same windows."""
    limit = settings.PASSWORD_RESET_ADDRESS_LIMIT
    ask = {"email": "nobody@example.org"}
    with at(-2):
        for _ in range(limit):
            assert (
                client.post("/admin/password_reset/", ask, REMOTE_ADDR="10.5.5.5").status_code
                == 302
            )
    with at(2):
        assert client.post("/admin/password_reset/", ask, REMOTE_ADDR="10.5.5.5").status_code == 429


def concurrent_allows(window, callers):
    start, results = threading.Barrier(callers), []
    lock = threading.Lock()

    def caller():
        start.wait()
        allowed = window.allow("198.51.100.1")
        with lock:
            results.append(allowed)

    threads = [threading.Thread(target=caller) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def file_cache(tmp_path):
    location = str(tmp_path / "cache")
    return {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "portal.caching.filecache.FileCache",
            "LOCATION": location,
            "OPTIONS": {},
        }
    }


CACHES = {
    # Whatever the run uses: the file cache on SQLite, Redis with REDIS_URL.
    "configured": lambda tmp_path: settings.CACHES,
    "file": file_cache,
    "locmem": lambda tmp_path: {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttles",
        }
    },
}


@pytest.mark.parametrize("kind", sorted(CACHES))
def test_exactly_the_limit_passes_under_concurrency(kind, tmp_path):
    with override_settings(CACHES=CACHES[kind](tmp_path)), at(-1):
        window = SlidingWindow(f"concurrency-{kind}", limit=7, period=600)
        results = concurrent_allows(window, 24)
        assert results.count(True) == 7
        assert window.estimate("198.51.100.1") == 7
        # A burst just after the boundary still meets the seven.
        with at(1):
            assert concurrent_allows(window, 8).count(True) == 0

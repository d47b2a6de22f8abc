"""The one-host file cache counts its files at most once per interval, and still culls."""

import pytest

from portal.caching import filecache
from portal.caching.filecache import FileCache


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(filecache.time, "monotonic", lambda: now[0])
    return now


def files_in(cache):
    return len(cache._list_cache_files())


def test_writes_within_the_interval_do_not_list_the_folder(tmp_path, clock, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    listings = []
    original = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or original())
    for n in range(50):
        cache.set(f"key{n}", n)
    assert len(listings) == 1
    assert cache.get("key49") == 49


def test_a_full_folder_is_culled_after_the_interval(tmp_path, clock):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30}})
    for n in range(60):
        cache.set(f"key{n}", n)
    assert files_in(cache) == 60  # one process's writes within the interval
    clock[0] += filecache.CULL_CHECK_SECONDS
    cache.set("one-more", 1)
    # Django culls a third of what it found (61 // 3), then writes the new entry.
    assert files_in(cache) == 61 - 61 // 3
    assert cache.get("one-more") == 1

"""The shared cache of a site on one host: Django's file cache, counting its files less often.

Django's FileBasedCache lists every file of its folder on each write, to see whether
MAX_ENTRIES is passed and a third of the entries must go. With thousands of cached pages,
pieces and reader keys, that listing was most of a write: a 点击量 hit (two writes) cost
about 13 ms of CPU with 400 files in the folder, and more as the folder filled. Here each
process counts the files at most once every CULL_CHECK_SECONDS, so the folder may pass
MAX_ENTRIES by what one process writes in that time before it is culled as before.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_CHECK_SECONDS = 2.0


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._next_cull_check = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull_check:
            return
        self._next_cull_check = now + CULL_CHECK_SECONDS
        super()._cull()

"""What routing finds, kept until what it shows changes: the page at each address, and
which pages are under a view restriction."""

import hashlib
import pickle

from portal.caching.dependencies import page_tag, shown
from portal.caching.generation import remember


def page_at(url_path, find):
    """`find()`, the page at `url_path`, kept while it is the page at that very address:
    a miss, or a routable sub-path answered by a page higher up, is looked up again, so no
    one can fill the cache with made-up addresses."""

    def find_shown():
        page = find()
        if page is not None:
            shown(page_tag(page))  # a move, rename or unpublish touches it
        return page

    page = remember(
        f"route:{hashlib.sha1(url_path.encode()).hexdigest()}",  # addresses of any length
        find_shown,
        keep=lambda page: page is not None and page.url_path == url_path,
        tags=(),
    )
    # Each request its own copy, as from the shared cache: a page remembers what it
    # works out (cached properties such as a policy's 有效性), which other pages change.
    return pickle.loads(pickle.dumps(page, pickle.HIGHEST_PROTOCOL)) if page else page


def restricted_paths(find):
    """`find()`, the tree paths of the pages under a view restriction (saving one replaces
    the generation)."""
    return remember("restricted-paths", find, tags=())

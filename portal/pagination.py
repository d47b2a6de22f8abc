from django.core.cache import cache
from django.core.paginator import Paginator

from portal.cache import current_generation

COUNT_TIMEOUT = 24 * 60 * 60


def paginate(request, items, per_page, count_key=None):
    """The requested page of `items`: junk, zero or negative numbers give the first page,
    numbers past the end the last one, so no `?page=` value can cause an error.

    With `count_key`, the number of items is kept in the shared cache until the next
    change of content (the page cache's generation), instead of counted per request."""
    paginator = Paginator(items, per_page)
    if count_key:
        key = f"portal:count:{current_generation()[0]}:{count_key}"
        count = cache.get(key)
        if count is None:
            count = paginator.count
            cache.set(key, count, COUNT_TIMEOUT)
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))

from django.core.paginator import Paginator

from portal.caching.dependencies import pages_shown
from portal.caching.generation import remember
from portal.compat import page_of


class FromEitherEndPaginator(Paginator):
    """Pages in the back half of an ordered queryset are read in the reverse order, so
    the database skips at most half the rows: the last page costs what the first does.
    With `rows_key`, each page's rows (pages) are kept until one of them or what `shows`
    names changes."""

    def __init__(self, object_list, per_page, rows_key=None, shows=None):
        super().__init__(object_list, per_page)
        self.rows_key, self.shows = rows_key, shows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count

        def rows():
            items = self.object_list
            if bottom > self.count // 2:
                return list(items.reverse()[self.count - top : self.count - bottom])[::-1]
            return list(items[bottom:top])

        if self.rows_key is None:
            return page_of(self, rows(), number)
        key = f"rows:{self.rows_key}:{self.count}:{number}"
        kept = remember(key, lambda: pages_shown(rows()), tags=self.shows)
        return page_of(self, kept, number)


def paginate(request, items, per_page, count_key=None, shows=None):
    """The requested page of `items`: junk, zero or negative numbers give the first page,
    numbers past the end the last one, so no `?page=` value can cause an error.

    With `count_key`, for a queryset in a total order (no ties), the number of items is
    kept in the shared cache until the next change of content (the page cache's
    generation) instead of counted per request, and pages in the back half are read
    from the end. With `shows` too (the tags of what the items are part of, e.g. a
    column's articles), the count and each page's rows are kept until that or one of
    the rows changes."""
    if not count_key:
        return Paginator(items, per_page).get_page(request.GET.get("page"))
    paginator = FromEitherEndPaginator(items, per_page, count_key if shows else None, shows)
    paginator.count = remember(f"count:{count_key}", items.count, tags=shows)
    return paginator.get_page(request.GET.get("page"))

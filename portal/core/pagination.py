from django.core.paginator import Paginator

from portal.caching.generation import remember
from portal.compat import page_of


class FromEitherEndPaginator(Paginator):
    """Pages in the back half of an ordered queryset are read in the reverse order, so
    the database skips at most half the rows: the last page costs what the first does."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        items = self.object_list
        if bottom > self.count // 2:
            rows = list(items.reverse()[self.count - top : self.count - bottom])
            return page_of(self, rows[::-1], number)
        return page_of(self, items[bottom:top], number)


def paginate(request, items, per_page, count_key=None):
    """The requested page of `items`: junk, zero or negative numbers give the first page,
    numbers past the end the last one, so no `?page=` value can cause an error.

    With `count_key`, for a queryset in a total order (no ties), the number of items is
    kept in the shared cache until the next change of content (the page cache's
    generation) instead of counted per request, and pages in the back half are read
    from the end."""
    if not count_key:
        return Paginator(items, per_page).get_page(request.GET.get("page"))
    paginator = FromEitherEndPaginator(items, per_page)
    paginator.count = remember(f"count:{count_key}", items.count)
    return paginator.get_page(request.GET.get("page"))

from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The requested page of `items`: junk, zero or negative numbers give the first page,
    numbers past the end the last one, so no `?page=` value can cause an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))

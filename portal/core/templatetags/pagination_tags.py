"""Pagination links: a window of page numbers; the template keeps the other query
parameters (filters, search terms) with Django's {% querystring %}."""

from django import template

register = template.Library()

WINDOW = 2  # pages shown on each side of the current one


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj):
    """Page numbers around the current page, plus first and last; None marks a gap."""
    last = page_obj.paginator.num_pages
    near = range(max(1, page_obj.number - WINDOW), min(last, page_obj.number + WINDOW) + 1)
    numbers = sorted({1, last, *near})
    links = []
    for number in numbers:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return {"request": context["request"], "page_obj": page_obj, "links": links}

"""站内搜索: a plain search over every live, public page of the site.

Its internals are replaced by the search issue (segmentation, ranking); the URL,
the `q` and `page` parameters and the template stay.
"""

import unicodedata

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

MAX_QUERY_LENGTH = 100
PER_PAGE = 20


def clean_query(text):
    """The query without control characters (NUL breaks PostgreSQL), trimmed and capped."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    pages = Page.objects.none()
    if query and site is not None:
        pages = Page.objects.live().public().descendant_of(site.root_page).search(query)
    results = Paginator(pages, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "portal/search.html", {"query": query, "results": results})

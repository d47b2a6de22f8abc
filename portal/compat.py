"""What the portal needs from Django's, Wagtail's and treebeard's private parts, in one
place. Each is used here and nowhere else, and tests/test_compat.py checks that it still
does what the portal relies on: an upgrade that changes one breaks a test of this module,
not a page in production."""

import functools
import inspect

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page, Site

# -- Django ------------------------------------------------------------------------------


def raw_host(request):
    """The host the request names, unchecked: unlike `get_host()` it never raises for a
    host outside ALLOWED_HOSTS (the site lookup runs before the view that checks it)."""
    return request._get_raw_host()


def used_csrf_token(request):
    """Whether the response to `request` carries the reader's CSRF token: Django marks the
    request when `get_token()` ran (since Django 4.1, only in this META key)."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def page_of(paginator, items, number):
    """A paginator Page holding `items`, as `Paginator.page()` would make it."""
    return paginator._get_page(items, number, paginator)


def insert_rows(model, rows, fields):
    """INSERT `rows` into `model`'s own table only: `bulk_create` refuses models with a
    parent table, and fake content inserts the parent's rows itself."""
    model._base_manager._insert(rows, fields=fields)


def hide_annotation(queryset, name):
    """Keep the annotation `name` for WHERE and ORDER BY but out of the SELECT list, as
    `QuerySet.alias()` would have made it."""
    query = queryset.query
    if name in query.annotation_select:
        query.set_annotation_mask(set(query.annotation_select) - {name})
    return queryset


def known_empty(queryset):
    """`queryset`, known to hold no rows: iterating, testing or counting it builds no SQL
    (`none()` still compiles its query to find that out), as for a queryset Django has
    evaluated; a clone of it (`order_by`…) is a queryset like any other."""
    queryset._result_cache = []
    queryset._prefetch_done = True
    return queryset


# -- Wagtail -----------------------------------------------------------------------------

# The annotation Wagtail's PostgreSQL search compiler filters and ranks on.
SEARCH_VECTOR_ANNOTATION = "_vector_"


def find_site(request):
    """Wagtail's site lookup for the request's host and port, uncached."""
    return Site._find_for_request(request)


def remember_site(request, site):
    """Where `Site.find_for_request` looks first: set, it asks the database no more."""
    request._wagtail_site = site


def set_file_metadata(item):
    """Size and hash (and an image's dimensions) of an image or document made in code from
    an uploaded file, as Wagtail's admin forms record them."""
    if hasattr(item, "_set_image_file_metadata"):
        item._set_image_file_metadata()
    else:
        item._set_document_file_metadata()


# Every CSV/XLSX download of the admin (reports, the page listing, snippets, form
# submissions, any model viewset) writes each cell through this one method.
EXPORT_CELL_SIGNATURE = ["self", "field", "value", "export_format"]


def clean_every_exported_cell(clean):
    """Make every admin spreadsheet export pass each cell value through `clean`.

    Patched, not subclassed: Wagtail builds the report, page-listing, form-submission and
    viewset views from its own URLs, so a subclass would have to replace each of their
    routes; this method is the one place all of them share. The signature is checked so
    an upgrade that changes it fails at start-up (and in tests/test_compat.py), and a
    second call does not wrap twice."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "cleans_with", None) is clean:
        return
    parameters = list(inspect.signature(original).parameters)
    if parameters != EXPORT_CELL_SIGNATURE:
        raise RuntimeError(f"SpreadsheetExportMixin.preprocess_field_value{parameters} changed")

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        return clean(original(self, field, value, export_format))

    preprocess_field_value.cleans_with = clean
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


# -- treebeard ---------------------------------------------------------------------------


def cached_parent(page):
    """The parent treebeard's `add_child()` (and Wagtail's page forms) remember on a page
    not yet saved in the tree, or None."""
    return getattr(page, "_cached_parent_obj", None)


def child_path(parent_path, step):
    """The tree path of a parent's `step`-th child (1 for the first)."""
    return Page._get_path(parent_path, len(parent_path) // Page.steplen + 1, step)


def child_step(path):
    """Which child of its parent the page at `path` is (1 for the first)."""
    return Page._str2int(path[-Page.steplen :])

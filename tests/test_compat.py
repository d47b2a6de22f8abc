"""What portal.compat relies on in Django, Wagtail and treebeard still holds: an upgrade
that changes one of these private parts fails here first."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Value
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from news.models import NewsPage, PageViewCount
from portal import compat
from portal.core.spreadsheets import neutralised

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_the_raw_host_is_read_even_when_it_is_not_allowed():
    assert compat.raw_host(request_for("evil.example:8080")) == "evil.example:8080"


def test_django_marks_a_request_whose_csrf_token_was_used():
    request = request_for("localhost")
    assert not compat.used_csrf_token(request)
    get_token(request)
    assert compat.used_csrf_token(request)


def test_a_paginator_page_holds_the_items_given():
    paginator = Paginator(list(range(30)), 10)
    page = compat.page_of(paginator, [29, 28], 3)
    assert list(page) == [29, 28] and page.number == 3 and not page.has_next()


def test_rows_are_inserted_into_the_models_own_table(home):
    PageViewCount.objects.filter(page=home).delete()
    field = PageViewCount._meta.get_field
    compat.insert_rows(
        PageViewCount, [PageViewCount(page=home, count=7)], [field("page"), field("count")]
    )
    assert PageViewCount.for_page(home) == 7


def test_a_hidden_annotation_filters_but_is_not_selected():
    queryset = Page.objects.annotate(marker=Value(1)).filter(marker=1)
    compat.hide_annotation(queryset, "marker")
    with CaptureQueriesContext(connection) as queries:
        pages = list(queryset.values_list("pk", flat=True))
    assert pages == list(Page.objects.values_list("pk", flat=True))
    select = queries[0]["sql"].split(" FROM ")[0]
    assert "marker" not in select


def test_a_queryset_known_empty_holds_nothing_and_asks_nothing(home):
    queryset = compat.known_empty(Page.objects.all())
    with CaptureQueriesContext(connection) as queries:
        assert list(queryset) == [] and not queryset and queryset.count() == 0
    assert len(queries) == 0
    assert queryset.order_by("path").count() == Page.objects.count() > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search compiler")
def test_wagtails_postgres_search_filters_on_the_vector_annotation_we_hide(column):
    results = get_search_backend().search("开发区", NewsPage.objects.live())
    query = results.get_queryset().query
    assert compat.SEARCH_VECTOR_ANNOTATION in query.annotations
    assert compat.SEARCH_VECTOR_ANNOTATION not in query.annotation_select


def test_wagtails_postgres_search_builds_and_applies_its_ranking_in_the_hooks_we_override():
    import inspect

    from wagtail.search.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    # portal.site.search.backend replaces the ranking (RUM's distance) through these two.
    build = inspect.signature(PostgresSearchQueryCompiler._build_rank_expression)
    apply = inspect.signature(PostgresSearchQueryCompiler._apply_ordering_and_scoring)
    assert list(build.parameters) == ["self", "vectors", "config"]
    assert list(apply.parameters) == [
        "self",
        "queryset",
        "rank_expression",
        "start",
        "stop",
        "score_field",
    ]


def test_wagtail_finds_the_site_for_a_request_and_keeps_the_one_it_is_given(home):
    request = request_for("localhost")
    site = compat.find_site(request)
    assert site == Site.objects.get(is_default_site=True)
    compat.remember_site(request, site)
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) is site
    assert not queries.captured_queries


def test_file_metadata_is_recorded_for_images_and_documents():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "white").save(buffer, "PNG")
    image = get_image_model()(title="图", file=ImageFile(buffer, name="photo.png"))
    compat.set_file_metadata(image)
    assert (image.width, image.height) == (64, 48)
    assert image.file_size == len(buffer.getvalue()) and image.file_hash

    document = get_document_model()(title="附件", file=ContentFile(b"%PDF-1.7\n", name="a.pdf"))
    compat.set_file_metadata(document)
    assert document.file_size == 9 and document.file_hash


def test_treebeard_remembers_the_parent_of_the_page_it_adds(column):
    page = NewsPage(title="招商引资", source="协会", authors="")
    assert compat.cached_parent(page) is None
    column.add_child(instance=page)
    assert compat.cached_parent(page) is column


def test_tree_paths_are_made_and_read_as_treebeard_does(column):
    first = column.add_child(instance=NewsPage(title="一", source="协会", authors=""))
    second = column.add_child(instance=NewsPage(title="二", source="协会", authors=""))
    assert compat.child_path(column.path, 1) == first.path
    assert compat.child_path(column.path, 2) == second.path
    assert compat.child_step(second.path) == 2


def test_every_admin_export_cell_goes_through_the_portals_rule():
    view = SpreadsheetExportMixin()
    assert SpreadsheetExportMixin.preprocess_field_value.cleans_with is neutralised
    assert view.preprocess_field_value("title", "=1+1", "csv") == "'=1+1"
    assert view.preprocess_field_value("title", "开发区", "xlsx") == "开发区"
    compat.clean_every_exported_cell(neutralised)  # again: not wrapped twice
    assert view.preprocess_field_value("title", "@x", "csv") == "'@x"

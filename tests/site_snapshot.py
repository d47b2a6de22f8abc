"""What a reader and an operator see of a site, as JSON, for comparing two databases.

Run in a subprocess by tests/test_backup.py, once for the original and once for the
restored site, each with its own DATABASE_URL or SQLITE_PATH, MEDIA_ROOT and cache:

    python -m tests.site_snapshot

Prints the rendered HTML of one live page of every page type and of the routes that are
not pages (tags, search, feeds, sitemap), the page tree, revision and view counts, and
the SHA-256 of every media file.
"""

import json
import os
import re

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test import Client  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page, Revision  # noqa: E402

from news.models import (  # noqa: E402
    NewsCategoryPage,
    NewsIndexPage,
    PageViewCount,  # noqa: E402
)
from portal.ops.backup import media_checksums  # noqa: E402

# A form's CSRF token is new on every request; everything else must be identical.
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def paths():
    first_of_type = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        first_of_type.setdefault(type(page).__name__, page.url)
    news = NewsIndexPage.objects.live().first()
    column = NewsCategoryPage.objects.live().first()
    tag = Tag.objects.order_by("slug").first()
    return sorted(first_of_type.values()) + [
        f"{news.url}tags/{tag.slug}/",
        f"{column.url}rss/",
        f"{column.url}?page=2",
        "/search/?q=开发区",
        "/zones/?province=江苏省",
        "/sitemap.xml",
    ]


def snapshot():
    client = Client()
    pages = {}
    for path in paths():
        response = client.get(path)
        pages[path] = [response.status_code, CSRF_TOKEN.sub("", response.content.decode())]
    return {
        "pages": pages,
        "tree": list(Page.objects.order_by("path").values_list("path", "slug", "live", "title")),
        "revisions": Revision.objects.count(),
        "views": PageViewCount.objects.aggregate(total=Sum("count"))["total"],
        "media": media_checksums(settings.MEDIA_ROOT),
    }


if __name__ == "__main__":
    print(json.dumps(snapshot(), ensure_ascii=False))

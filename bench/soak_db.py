"""The soak's look into its database, run in a subprocess with the portal's settings:

python -m bench.soak_db targets          # the URLs and article ids to load, as JSON
python -m bench.soak_db editor           # (re)create the editor SOAK_EDITOR_PASSWORD names
python -m bench.soak_db state [SLUG]     # view counts, and the soak article's state
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page  # noqa: E402

from news.models import (  # noqa: E402
    NewsCategoryPage,
    NewsIndexPage,
    NewsPage,
    NoticePage,
    PageViewCount,  # noqa: E402
)
from news.roles import EDITORS  # noqa: E402
from zones.models import ZonePage  # noqa: E402

EDITOR = "soak-editor"
SAMPLE = 400  # articles and zones read; enough that most are not in the page cache


def urls(queryset):
    return [page.url for page in queryset.order_by("?")[:SAMPLE]]


def targets():
    news = NewsIndexPage.objects.live().first()
    columns = NewsCategoryPage.objects.live()
    articles = NewsPage.objects.live().order_by("?")[:SAMPLE]
    return {
        "pages": {
            "home": ["/"],
            "column": [c.url for c in columns] + [f"{c.url}?page=2" for c in columns],
            "article": [a.url for a in articles],
            "notice": ["/notices/", *urls(NoticePage.objects.live())],
            "zone": ["/zones/", "/zones/?province=江苏省", *urls(ZonePage.objects.live())],
            "tag": [
                f"{news.url}tags/{slug}/" for slug in Tag.objects.values_list("slug", flat=True)
            ],
            "other": [p.url for p in Page.objects.live().filter(depth=3).exclude(pk=news.pk)]
            + ["/sitemap.xml", f"{news.url}rss/"],
        },
        "hit_ids": [a.pk for a in articles],
        "column_id": columns.first().pk,
    }


def make_editor():
    user, _ = get_user_model().objects.get_or_create(username=EDITOR)
    user.set_password(os.environ["SOAK_EDITOR_PASSWORD"])
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=EDITORS)])


def setup():
    make_editor()
    return targets() | state()


def state(slug=None):
    counts = dict(PageViewCount.objects.values_list("page_id", "count"))
    found = {"views": {str(pk): count for pk, count in counts.items()}}
    article = NewsPage.objects.filter(slug=slug).first() if slug else None
    if article:
        found["article"] = {
            "id": article.pk,
            "url": article.url,
            "title": article.title,
            "live": article.live,
            "revisions": article.revisions.count(),
            "column_url": article.get_parent().url,
        }
    return found


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = {"setup": setup, "state": state}[command](*args)
    print(json.dumps(result, ensure_ascii=False))

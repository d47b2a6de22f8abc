# Until the slug rule ran before Wagtail's own checks, a 投稿 draft with a Chinese title was
# saved with the slug "" (its address ".../column//"), and the next one into that column
# failed. This gives every page whose slug is empty, or taken by an earlier sibling, the
# slug the rule makes now (pinyin, else page-YYYYMMDD; -2, -3 … among its siblings),
# keeping its id, and moves the addresses of its descendants and its latest revision along.

from collections import defaultdict

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from wagtail.models import Page as TreePage

from portal.core.slugs import base_slug, unique_slug

STEPLEN = TreePage.steplen  # the historical model has no tree attributes


def pages_to_mend(Page):
    """Pages, shallowest first, whose slug is empty or already held by a sibling: among
    siblings sharing a slug, the live one (else the oldest) keeps it."""
    children = defaultdict(list)
    rows = Page.objects.filter(depth__gt=1).values_list("pk", "path", "slug", "live")
    for pk, path, slug, live in rows.order_by("path"):
        children[path[:-STEPLEN]].append((not live, pk, path, slug))
    mend, taken = [], {}
    for parent_path, siblings in children.items():
        held = taken[parent_path] = set()
        for _, pk, path, slug in sorted(siblings):
            if slug and slug not in held:
                held.add(slug)
            else:
                mend.append((len(path), path, pk))
    return sorted(mend), taken


def mend_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    mend, taken = pages_to_mend(Page)
    for _, path, pk in mend:
        page = Page.objects.get(pk=pk)
        parent = Page.objects.get(path=path[:-STEPLEN])
        made = page.latest_revision_created_at or page.first_published_at or timezone.now()
        slug = unique_slug(base_slug(page.title, timezone.localdate(made)), taken[parent.path])
        taken[parent.path].add(slug)
        old_url_path, url_path = page.url_path, parent.url_path + slug + "/"
        Page.objects.filter(pk=pk).update(slug=slug, url_path=url_path)
        Page.objects.filter(path__startswith=path, depth__gt=page.depth).update(
            url_path=Concat(Value(url_path), Substr("url_path", len(old_url_path) + 1))
        )
        revision = Revision.objects.filter(pk=page.latest_revision_id).first()
        if revision is not None:
            revision.content.update(slug=slug, url_path=url_path)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_page_url_path_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(mend_slugs, migrations.RunPython.noop)]

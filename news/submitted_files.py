"""Where a contributor's 投稿 files live and under what names, for new submissions
(news.models.submissions) and for the data migration that moved those stored before the
files were made private (news/migrations/0012_submitted_files_private.py).

Everything here that the migration calls takes its models from `apps.get_model`, so it
runs against the models as they were at that migration, not as they are today.
"""

import secrets
from pathlib import PurePosixPath

from django.db import transaction

from portal.compat import child_path, child_step

COLLECTION_NAME = "投稿"
# Where a visitor's files wait until an editor publishes the article that uses them:
# restricted to signed-in users, which Wagtail's document view enforces.
PENDING_COLLECTION_NAME = "投稿（待审核）"


def unguessable_name(name):
    """The sender chose the file's name: it is stored under a random one (the same
    extension), so no address can be guessed and nothing the sender wrote reaches the
    disk or the web server's logs."""
    return f"{secrets.token_urlsafe(18)}{PurePosixPath(name).suffix.lower()[:10]}"


def files_in_body(raw_body):
    """The ids of the pictures and documents an article's body (its raw stream) uses."""
    images, documents = set(), set()
    for block in raw_body or []:
        value = block.get("value")
        if not isinstance(value, dict):
            continue
        if block.get("type") == "image" and value.get("image"):
            images.add(value["image"])
        elif block.get("type") == "attachment" and value.get("document"):
            documents.add(value["document"])
    return images, documents


def next_child_path(parent, Collection):
    """Where treebeard would put a new last child of `parent` (Collection and Page share
    treebeard's path alphabet and step length)."""
    last = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = last.order_by("-path").first()
    return child_path(parent.path, child_step(last.path) + 1 if last else 1)


def historical_pending_collection(apps):
    """The pending collection with its login restriction, made with historical models
    (which have none of treebeard's methods) if it does not exist yet."""
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(depth=2, name=PENDING_COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.objects.create(
            name=PENDING_COLLECTION_NAME, path=next_child_path(root, Collection), depth=2
        )
        Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    if not Restriction.objects.filter(collection=collection).exists():
        Restriction.objects.create(collection=collection, restriction_type="login")
    return collection


def renamed(file):
    """A copy of `file` under a random name in the same folder; the original is removed
    once the migration's transaction commits (so a failed run leaves it in place)."""
    old = file.name
    folder = PurePosixPath(old).parent
    with file.storage.open(old) as content:
        new = file.storage.save(str(folder / unguessable_name(old)), content)
    transaction.on_commit(lambda: file.storage.delete(old))
    return new


def make_waiting_files_private(apps, schema_editor):
    """Files of 投稿 whose article is not live, stored in the public 投稿 collection under
    the sender's names before issue 21, move to the pending collection under random names,
    as new submissions store them; their renditions go. Files already moved are left
    alone, so running it again changes nothing."""
    Submission = apps.get_model("news", "Submission")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    waiting = Submission.objects.filter(page__live=False).select_related("page")
    images, documents = set(), set()
    for submission in waiting:
        used = files_in_body(submission.page.body.raw_data)
        images |= used[0]
        documents |= used[1]
    public = {"collection__name": COLLECTION_NAME, "collection__depth": 2}
    moving_images = list(Image.objects.filter(pk__in=images, **public))
    moving = [*moving_images, *Document.objects.filter(pk__in=documents, **public)]
    if not moving:
        return
    pending = historical_pending_collection(apps)
    for rendition in Rendition.objects.filter(image__in=moving_images):
        rendition.file.storage.delete(rendition.file.name)
        rendition.delete()
    for stored in moving:
        stored.file.name = renamed(stored.file)
        stored.collection = pending
        stored.save(update_fields=["file", "collection"])

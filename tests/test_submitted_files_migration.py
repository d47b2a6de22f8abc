"""投稿 files stored before they were made private (issue 21) are moved by a data migration:
those of articles not yet published go to the pending collection under random names, as
new submissions are stored; published ones and the editors' own pictures stay."""

import re
from pathlib import PurePosixPath

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from news.models import NewsPage, Submission
from news.submitted_files import (
    COLLECTION_NAME,
    PENDING_COLLECTION_NAME,
    files_in_body,
    make_waiting_files_private,
)
from portal.compat import set_file_metadata
from tests.test_submit_draft import docx, png, submit

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"[A-Za-z0-9_-]{24}\.(png|docx)")


def as_before_the_change(title, sender_name):
    """What a submission looked like before issue 21: its files in the public 投稿
    collection, under the names the sender gave them."""
    page = NewsPage.objects.get(title=title)
    images, documents = files_in_body(page.body.raw_data)
    public = (
        Collection.objects.get(name=COLLECTION_NAME)
        if Collection.objects.filter(name=COLLECTION_NAME).exists()
        else Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    )
    files = [*get_image_model().objects.filter(pk__in=images)]
    files += get_document_model().objects.filter(pk__in=documents)
    for stored in files:
        name = PurePosixPath(stored.file.name)
        with stored.file.open() as content:
            old = stored.file.storage.save(
                f"{name.parent}/{sender_name}{name.suffix}", ContentFile(content.read())
            )
        stored.file.storage.delete(stored.file.name)
        stored.file.name, stored.collection = old, public
        stored.save()
    return page, [type(stored).objects.get(pk=stored.pk) for stored in files]


def editors_picture_in(page):
    """A picture from the library's root collection, put in the draft by an editor."""
    picture = get_image_model()(title="编辑部配图", file=png("library.png"))
    set_file_metadata(picture)
    picture.save()
    page.body.append(("image", {"image": picture, "caption": ""}))
    page.save()
    return picture


def run_the_migration():
    """The migration's function, with the models as they were at that migration."""
    state = MigrationLoader(connection).project_state(("news", "0012_submitted_files_private"))
    make_waiting_files_private(state.apps, None)


@pytest.fixture
def old_submissions(client, submit_page, open_column):
    for title, sender_name in (("待审稿件", "张伟的身份证"), ("已发稿件", "李娜的照片")):
        response = submit(
            client,
            open_column,
            title=title,
            images=[png(f"{sender_name}.png")],
            attachment=docx(f"{sender_name}.docx"),
        )
        assert response.status_code == 302
    waiting, waiting_files = as_before_the_change("待审稿件", "张伟的身份证")
    published, published_files = as_before_the_change("已发稿件", "李娜的照片")
    published.save_revision().publish()
    library = editors_picture_in(waiting)
    Collection.objects.get(name=PENDING_COLLECTION_NAME).delete()  # it did not exist yet
    waiting_files[0].get_rendition("width-100")  # made when an editor looked at it
    return waiting_files, published_files, library


def test_waiting_files_move_to_the_pending_collection_under_random_names(
    old_submissions, editor, django_capture_on_commit_callbacks
):
    waiting, published, library = old_submissions
    contents = {type(f): f.file.open().read() for f in waiting}
    old_names = {f.file.name for f in waiting}
    assert Client().get(waiting[1].url).status_code == 200  # public before the migration

    with django_capture_on_commit_callbacks(execute=True):
        run_the_migration()

    pending = Collection.objects.get(name=PENDING_COLLECTION_NAME)
    assert CollectionViewRestriction.objects.filter(collection=pending).exists()
    for stored in waiting:
        stored.refresh_from_db()
        name = PurePosixPath(stored.file.name)
        assert stored.collection == pending
        assert RANDOM_NAME.fullmatch(name.name) and "张伟" not in stored.file.name
        assert stored.file.open().read() == contents[type(stored)]
    assert not any(waiting[0].file.storage.exists(name) for name in old_names)
    assert not waiting[0].renditions.exists()
    # The public is refused the attachment now; an editor still gets it.
    assert Client().get(waiting[1].url).status_code in (302, 403)
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(waiting[1].url).status_code == 200
    # A published article's files, and an editor's picture, are not the migration's.
    for stored in (*published, library):
        before = stored.file.name, stored.collection_id
        stored.refresh_from_db()
        assert (stored.file.name, stored.collection_id) == before


def test_running_it_again_changes_nothing(old_submissions, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_the_migration()
    images, documents = get_image_model().objects.all(), get_document_model().objects.all()
    before = {(f.pk, f.file.name, f.collection_id) for f in (*images, *documents)}
    collections = Collection.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        run_the_migration()

    after = {(f.pk, f.file.name, f.collection_id) for f in (*images, *documents)}
    assert after == before and Collection.objects.count() == collections
    assert Submission.objects.count() == 2

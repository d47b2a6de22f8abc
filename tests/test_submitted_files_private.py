"""A visitor's 投稿 files stay private until an editor publishes the article (issue 21,
finding 5): the attachment sits in a restricted collection Wagtail's document view
enforces, the pictures under random names, and nothing is rendered before publishing."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from news.models.submissions import COLLECTION_NAME, PENDING_COLLECTION_NAME
from tests.test_submit_draft import docx, png, submit, the_draft

pytestmark = pytest.mark.django_db


def approve(client, editor, draft):
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[draft.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    client.logout()


def test_files_are_private_until_the_article_is_published(
    client,
    submit_page,
    open_column,
    editor,
):
    response = submit(
        client, open_column, images=[png("张伟的身份证.png")], attachment=docx("张伟简历.docx")
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    image = get_image_model().objects.get()

    # Stored under names the sender did not choose; editors still see the sender's name.
    assert document.title == "张伟简历.docx"
    assert "张伟" not in document.file.name and "张伟" not in image.file.name
    assert image.file.name.startswith("original_images/") and image.file.name.endswith(".png")
    assert document.collection.name == image.collection.name == PENDING_COLLECTION_NAME
    # Nothing rendered from the sender's picture before an editor looks at it.
    assert not image.renditions.exists()

    # The public is refused the attachment; an editor gets it.
    assert Client().get(document.url).status_code in (302, 403)
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(document.url).status_code == 200

    approve(client, editor, the_draft())
    document.refresh_from_db()
    image.refresh_from_db()
    assert document.collection.name == image.collection.name == COLLECTION_NAME
    downloaded = Client().get(document.url)
    assert downloaded.status_code == 200


def test_two_senders_with_the_same_file_name_get_different_files(client, submit_page, open_column):
    for number in range(2):
        response = submit(client, open_column, title=f"稿件{number}", images=[png("photo.png")])
        assert response.status_code == 302
    names = {image.file.name for image in get_image_model().objects.all()}
    assert len(names) == 2 and not any("photo" in name for name in names)

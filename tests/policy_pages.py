"""Building a policy library in tests, the way an editor does: pages published with a
revision, links and attachments in the page's cluster."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from policies.models import (
    Issuer,
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyLibraryPage,
    PolicyLink,
)
from portal.core.tree import add_child_page


def library(home):
    page = PolicyLibraryPage(title="政策法规库", slug="policies")
    add_child_page(home, page)
    page.save_revision().publish()
    return page


def issuer(name):
    return Issuer.objects.get_or_create(name=name)[0]


def document_file(name, content):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def publish_document(
    parent,
    title,
    issuers=("国务院",),
    written=datetime.date(2020, 1, 1),
    kind="意见",
    links=(),
    attachments=(),
    **fields,
):
    """A live document; `links` are (older page, "revises"|"repeals"), `attachments`
    (file name, bytes)."""
    page = PolicyDocumentPage(
        title=title,
        written_on=written,
        kind=kind,
        publish_time=timezone.make_aware(datetime.datetime.combine(written, datetime.time(9))),
        **fields,
    )
    add_child_page(parent, page)
    page.issuers = [issuer(name) for name in issuers]
    page.replaces_links = [PolicyLink(target=older, kind=kind) for older, kind in links]
    page.attachments = [
        PolicyAttachment(document=document_file(name, content)) for name, content in attachments
    ]
    page.save_revision().publish()
    return PolicyDocumentPage.objects.get(pk=page.pk)

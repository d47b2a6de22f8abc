"""投稿: the public submission form becomes an unpublished article awaiting review.

The article is created as a draft in the chosen column (`live=False`, a revision saved
with no user) and the column's moderation workflow is started, so it shows in the
reviewers' "awaiting review" list and they are e-mailed. The contributor's contact
details stay in a `Submission` record that only editors see (see association.privacy).
"""

import secrets
from html import escape

from django.db import models, transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import RichText
from wagtail.signals import page_published

from association.models import ContactRecord
from association.screening import find_sensitive_words
from news.forms import SubmissionForm
from news.models.pages import NewsCategoryPage, NewsPage
from news.submitted_files import (
    COLLECTION_NAME,
    PENDING_COLLECTION_NAME,
    files_in_body,
    unguessable_name,
)
from portal.compat import set_file_metadata
from portal.core.models import FormPage, PortalPage
from portal.core.public_forms import RateLimit
from portal.core.tree import add_child_page

RATE_LIMIT = RateLimit("submission", limit=5, period=3600)
SENT = "submission_reference"


class Submission(ContactRecord):
    """Who sent a 投稿 and how to reach them; the article itself is the draft page."""

    invalidates = ()  # no page shows it (portal/caching/invalidation.py)

    reference = models.CharField("投稿编号", max_length=20, unique=True, editable=False)
    title = models.CharField("标题", max_length=255)
    source = models.CharField("来源单位", max_length=100)
    page = models.ForeignKey(
        "news.NewsPage",
        verbose_name="稿件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A text field: the words found depend on what the sender wrote, however many.
    flagged_words = models.TextField("检出的敏感词", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "投稿记录"
        verbose_name_plural = "投稿记录"

    def __str__(self):
        return f"{self.reference} {self.title}"

    def content_for_export(self):
        return f"{self.reference} {self.title}（{self.source}）"


def new_reference():
    return f"TG{timezone.localdate():%Y%m%d}-{secrets.token_hex(3).upper()}"


def open_columns():
    return NewsCategoryPage.objects.live().filter(accepts_submissions=True).order_by("path")


def paragraphs_html(text):
    """Plain text to rich-text HTML: one paragraph per line, markup shown as text."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def collection_named(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def submissions_collection():
    """Published contributors' files."""
    return collection_named(COLLECTION_NAME)


def pending_collection():
    """Files of submissions no editor has published yet: readers are refused them."""
    collection = collection_named(PENDING_COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def store_uploads(data, collection, stored):
    """Save the pictures and the attachment into the library under random names; each
    saved file is added to `stored`, so a failed submission can remove it."""
    images = []
    for number, upload in enumerate(data["images"], start=1):
        upload.name = unguessable_name(upload.name)
        image = get_image_model()(
            title=f"{data['title'][:200]}（图{number}）", file=upload, collection=collection
        )
        set_file_metadata(image)
        image.save()
        stored.append(image.file)
        images.append(image)
    document = None
    if upload := data["attachment"]:
        title = upload.name[:255]  # editors see the sender's name; the disk does not
        upload.name = unguessable_name(upload.name)
        document = get_document_model()(title=title, file=upload, collection=collection)
        set_file_metadata(document)
        document.save()
        stored.append(document.file)
    return images, document


def create_draft(form):
    """The draft article, its Submission record and the started workflow, in one
    transaction; if any of it fails, the files it stored are removed too."""
    stored = []
    try:
        with transaction.atomic():
            return write_draft(form, stored)
    except Exception:
        for file in stored:  # the rows are rolled back; the files must go too
            file.storage.delete(file.name)
        raise


def write_draft(form, stored):
    data = form.cleaned_data
    images, document = store_uploads(data, pending_collection(), stored)
    body = [("paragraph", RichText(paragraphs_html(data["body"])))]
    body += [("image", {"image": image, "caption": ""}) for image in images]
    if document:
        body.append(("attachment", {"document": document, "title": document.title}))
    page = NewsPage(
        title=data["title"],
        source=data["source"],
        authors=data["authors"],
        body=body,
        live=False,
        publish_time=timezone.now(),
    )
    add_child_page(data["column"], page)
    page.save_revision(user=None, log_action=True)
    flagged = find_sensitive_words(data["title"], data["body"], data["source"], data["authors"])
    submission = Submission.objects.create(
        reference=new_reference(),
        title=data["title"],
        source=data["source"],
        page=page,
        flagged_words="，".join(flagged),
        **form.contact_details(),
    )
    workflow = page.get_workflow()
    if workflow:
        workflow.start(page, user=None)
    return submission


@receiver(page_published, sender=NewsPage, dispatch_uid="news-submitted-files-released")
def release_submitted_files(sender, instance, **kwargs):
    """An editor published the article: its contributor's files become public."""
    pending = Collection.objects.filter(name=PENDING_COLLECTION_NAME).first()
    if pending is None:
        return
    images, documents = files_in_body(instance.body.raw_data)
    public = submissions_collection()
    get_image_model().objects.filter(pk__in=images, collection=pending).update(collection=public)
    get_document_model().objects.filter(pk__in=documents, collection=pending).update(
        collection=public
    )


class SubmissionPage(FormPage):
    """投稿: the guidelines for contributors and the form."""

    guidelines = RichTextField("投稿须知", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = PortalPage.content_panels + ["guidelines"]
    rate_limit = RATE_LIMIT
    sent_key = SENT

    class Meta:
        verbose_name = "投稿页面"

    def get_form(self, data=None, files=None):
        return SubmissionForm(data, files, columns=open_columns())

    def save_form(self, form):
        """The draft and its record; the page then shows the reference number."""
        return create_draft(form).reference

"""投稿: the public submission form becomes an unpublished article awaiting review.

The article is created as a draft in the chosen column (`live=False`, a revision saved
with no user) and the column's moderation workflow is started, so it shows in the
reviewers' "awaiting review" list and they are e-mailed. The contributor's contact
details stay in a `Submission` record that only editors see (see association.privacy).
"""

import secrets
from html import escape

from django import forms
from django.db import models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from association.privacy import ContactForm, ContactRecord
from association.screening import find_sensitive_words
from portal.pages import add_child_page
from portal.public_forms import RateLimit, answer_post, render_form_page
from portal.uploads import AttachmentField, MultipleImageField

RATE_LIMIT = RateLimit("submission", limit=5, period=3600)
MAX_IMAGES = 5
COLLECTION_NAME = "投稿"
SENT = "submission_reference"


class Submission(ContactRecord):
    """Who sent a 投稿 and how to reach them; the article itself is the draft page."""

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
    flagged_words = models.CharField("检出的敏感词", max_length=200, blank=True)

    class Meta:
        app_label = "news"
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
    from news.models import NewsCategoryPage  # news.models imports this module

    return NewsCategoryPage.objects.live().filter(accepts_submissions=True).order_by("path")


class SubmissionForm(ContactForm):
    title = forms.CharField(label="标题", max_length=200)
    column = forms.ModelChoiceField(label="投稿栏目", queryset=None, empty_label="请选择栏目")
    source = forms.CharField(label="来源单位", max_length=100, help_text="例如：苏州工业园区管委会")
    authors = forms.CharField(label="作者", max_length=200, help_text="多位作者以空格分隔")
    body = forms.CharField(
        label="正文",
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="纯文本，每段一行；不支持 HTML 等格式代码。",
    )
    attachment = AttachmentField(label="附件", required=False)

    field_order = [
        "title",
        "column",
        "source",
        "authors",
        "body",
        "images",
        "attachment",
        "name",
        "phone",
        "email",
        "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "联系人"
        self.fields["column"].queryset = open_columns()
        # Built per form, so the upload limits follow the settings in force.
        self.fields["images"] = MultipleImageField(
            label="图片", required=False, max_files=MAX_IMAGES
        )
        self.fields["images"].help_text = f"可选，最多 {MAX_IMAGES} 张。" + str(
            self.fields["images"].help_text
        )
        self.order_fields(self.field_order)


def paragraphs_html(text):
    """Plain text to rich-text HTML: one paragraph per line, markup shown as text."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def submissions_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def store_uploads(data, collection, stored):
    """Save the pictures and the attachment into the library; each saved file is added to
    `stored`, so a failed submission can remove it."""
    images = []
    for number, upload in enumerate(data["images"], start=1):
        image = get_image_model()(
            title=f"{data['title'][:200]}（图{number}）", file=upload, collection=collection
        )
        image._set_image_file_metadata()
        image.save()
        stored.append(image.file)
        images.append(image)
    document = None
    if data["attachment"]:
        document = get_document_model()(
            title=data["attachment"].name[:255], file=data["attachment"], collection=collection
        )
        document._set_document_file_metadata()
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
    from news.models import NewsPage

    data = form.cleaned_data
    images, document = store_uploads(data, submissions_collection(), stored)
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


def serve_submission_page(page, request):
    if request.method != "POST":
        reference = request.session.pop(SENT, None)
        return render_form_page(page, request, SubmissionForm(), reference=reference)
    form = SubmissionForm(request.POST, request.FILES)
    return answer_post(page, request, form, RATE_LIMIT, save_submission, SENT)


def save_submission(form):
    return create_draft(form).reference

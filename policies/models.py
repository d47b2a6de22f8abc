"""政策法规库: policy documents with the fields of 信息公开, their validity, and the library."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.signals import page_published
from wagtail.snippets.models import register_snippet

from policies import numbers
from policies.cycles import link_cycle
from policies.feeds import PolicyFeed
from policies.filters import PolicyFilter
from policies.forms import PolicyDocumentForm
from policies.fulltext import PAGE_TEXT_LIMIT, Extracted, TextStatus, extract
from policies.panels import AttachmentTextPanel
from policies.validity import LinkKind, Validity, validity_expression
from portal.caching.sites import site_name
from portal.core.blocks import BodyBlock
from portal.core.models import DatedPage, IndexPage
from portal.core.pagination import paginate
from portal.core.uploads import KIND_NAMES, content_matches, extension

# The formats a policy attachment may have: what government sites publish.
ATTACHMENT_KINDS = ("pdf", "ofd", "doc", "docx")


class DocumentKind(models.TextChoices):
    """文种: the legal forms and the kinds of 党政机关公文 a policy library holds."""

    LAW = "法律", "法律"
    ADMINISTRATIVE_REGULATION = "行政法规", "行政法规"
    DEPARTMENTAL_RULE = "部门规章", "部门规章"
    LOCAL_REGULATION = "地方性法规", "地方性法规"
    DECISION = "决定", "决定"
    ORDER = "令", "令"
    OPINION = "意见", "意见"
    NOTICE = "通知", "通知"
    ANNOUNCEMENT = "公告", "公告"
    CIRCULAR = "通告", "通告"
    BULLETIN = "通报", "通报"
    REPLY = "批复", "批复"
    LETTER = "函", "函"
    MEASURES = "办法", "办法"
    PROVISIONS = "规定", "规定"
    PLAN = "方案", "方案"
    STANDARD = "标准", "标准"
    OTHER = "其他", "其他"


@register_snippet
class Issuer(models.Model):
    """发文机关: one managed list, so the library's facet does not split one office in two."""

    name = models.CharField("名称", max_length=100, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=100, help_text="数字小的排在前面")

    panels = ["name", "sort_order"]

    class Meta:
        verbose_name = "发文机关"
        verbose_name_plural = "发文机关"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PolicyQuerySet(PageQuerySet):
    def with_validity(self):
        """Each document with `validity_code`, derived in the same query."""
        return self.annotate(validity_code=validity_expression(PolicyLink))


class PolicyLibraryPage(RoutablePageMixin, IndexPage):
    """政策法规库: every policy document, filtered by GET parameters, with its feed at rss/."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["policies.PolicyDocumentPage"]
    per_page = 20
    cache_query_params = ("page", *PolicyFilter.base_filters)

    class Meta:
        verbose_name = "政策法规库"

    def documents(self):
        return PolicyDocumentPage.objects.child_of(self).live()

    def get_main_context(self, request, *args, **kwargs):
        filters = PolicyFilter(request.GET, queryset=self.documents())
        documents = filters.qs.with_validity().defer("body").prefetch_related("issuers")
        return {
            "filters": filters,
            "facets": filters.facets(),
            "documents": paginate(request, documents, self.per_page),
        }

    @path("rss/", name="feed")
    def feed(self, request):
        documents = self.documents().public().prefetch_related("issuers")
        return PolicyFeed(self, documents, site_name(request))(request)

    def get_cached_paths(self):
        return ["/", "rss/"]


class PolicyDocumentPage(DatedPage):
    """A policy document: the 信息公开 fields in the head table, the text, attachments."""

    index_number = models.CharField("索引号", max_length=60, blank=True)
    issuers = ParentalManyToManyField(Issuer, verbose_name="发文机关", related_name="documents")
    doc_number = models.CharField(
        "发文字号", max_length=60, blank=True, help_text=f"例如：{numbers.EXAMPLE}"
    )
    # The number in its comparable form (policies.numbers): imports match on it.
    doc_number_key = models.CharField(max_length=60, editable=False, db_index=True, default="")
    written_on = models.DateField("成文日期")
    topic = models.CharField(
        "主题分类", max_length=50, blank=True, help_text="例如：开发区改革创新"
    )
    kind = models.CharField("文种", max_length=10, choices=DocumentKind.choices)
    expires_on = models.DateField(
        "有效期至", null=True, blank=True, help_text="过了这一天，文件显示为“失效”；留空则长期有效"
    )
    summary = models.TextField("摘要", blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    interpretations = ParentalManyToManyField(
        "news.NewsPage", verbose_name="政策解读", blank=True, related_name="interpreted_policies"
    )

    objects = PageManager.from_queryset(PolicyQuerySet)()

    parent_page_types = ["policies.PolicyLibraryPage"]
    subpage_types = []
    base_form_class = PolicyDocumentForm

    content_panels = DatedPage.content_panels + [
        MultiFieldPanel(
            [
                "index_number",
                "issuers",
                FieldRowPanel(["doc_number", "kind"]),
                FieldRowPanel(["written_on", "publish_time"]),
                FieldRowPanel(["topic", "expires_on"]),
            ],
            heading="文件信息",
        ),
        InlinePanel(
            "replaces_links",
            heading="修订、废止的文件",
            label="被本文件修订或废止的文件",
            help_text="本文件发布后，所选文件自动显示“已修订”或“已废止”，并链接到本文件",
        ),
        "summary",
        "body",
        InlinePanel("attachments", heading="附件", label="附件"),
        AttachmentTextPanel(heading="附件全文检索"),
        FieldPanel("interpretations", heading="政策解读"),
    ]
    search_fields = DatedPage.search_fields + [
        index.SearchField("doc_number"),
        index.SearchField("index_number"),
        index.SearchField("topic"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("attachment_text"),
        index.RelatedFields("issuers", [index.SearchField("name")]),
        index.FilterField("publish_time"),
    ]

    class Meta:
        verbose_name = "政策文件"
        constraints = [
            models.UniqueConstraint(
                fields=["doc_number_key"],
                condition=~Q(doc_number_key=""),
                name="policies_unique_doc_number",
                violation_error_message="已有相同发文字号的政策文件。",
            )
        ]

    def save(self, *args, **kwargs):
        self.doc_number = self.doc_number.strip()
        self.doc_number_key = numbers.normalised(self.doc_number)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.doc_number = self.doc_number.strip()
        self.doc_number_key = numbers.normalised(self.doc_number)
        numbers.check(self.doc_number)
        same = PolicyDocumentPage.objects.filter(doc_number_key=self.doc_number_key)
        if self.doc_number_key and same.exclude(pk=self.pk).exists():
            raise ValidationError({"doc_number": "已有相同发文字号的政策文件。"})
        if self.expires_on and self.expires_on < self.written_on:
            raise ValidationError({"expires_on": "有效期不能早于成文日期。"})

    def check_links(self, targets):
        """Raise ValidationError if linking to `targets` would make a cycle."""
        if cycle := link_cycle(self, targets, PolicyLink):
            raise ValidationError(
                "修订、废止关系不能成环：" + " → ".join(f"《{title}》" for title in cycle)
            )

    @cached_property
    def validity(self):
        code = getattr(self, "validity_code", None)
        if code is None and self.pk:
            rows = PolicyDocumentPage.objects.filter(pk=self.pk).with_validity()
            code = rows.values_list("validity_code", flat=True).first()
        return Validity(code or Validity.CURRENT)

    def replaced_by(self):
        """The live documents that revise or repeal this one, newest first."""
        links = PolicyLink.objects.filter(target=self, source__live=True)
        return links.select_related("source").order_by("-source__publish_time")

    def replaces(self):
        links = PolicyLink.objects.filter(source=self, target__live=True)
        return links.select_related("target").order_by("sort_order")

    def attachment_text(self):
        """The text found in the attachments, for the search index, capped."""
        texts = [a.text for a in self.attachments.all() if a.text_status == TextStatus.TEXT]
        return " ".join(texts)[:PAGE_TEXT_LIMIT]

    def extra_cached_urls(self):
        """The documents this one revises or repeals show a mark pointing here: purge them."""
        return [link.target.get_full_url() for link in self.replaces()]

    def get_main_context(self, request, *args, **kwargs):
        if self.pk is None:
            return {}
        return {
            "issuer_names": [issuer.name for issuer in self.issuers.all()],
            "replaced_by": list(self.replaced_by()),
            "replaces": list(self.replaces()),
            "interpretation_list": list(self.interpretations.live().order_by("-publish_time")),
        }


class PolicyLink(Orderable):
    """The newer document (`source`) revises or repeals the older one (`target`)."""

    source = ParentalKey(
        PolicyDocumentPage, related_name="replaces_links", on_delete=models.CASCADE
    )
    target = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name="文件",
        on_delete=models.CASCADE,
        related_name="replaced_by_links",
    )
    kind = models.CharField("关系", max_length=10, choices=LinkKind.choices)

    panels = [FieldPanel("target"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = "修订或废止"
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="policies_link_once")
        ]


class PolicyAttachment(Orderable):
    """A file of the document, its text kept for the search index."""

    page = ParentalKey(PolicyDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示名称", max_length=200, blank=True, help_text="留空则使用文件标题")
    text = models.TextField(editable=False, default="")
    text_status = models.CharField(
        editable=False, max_length=12, choices=TextStatus.choices, default=TextStatus.NOT_READ
    )
    # The document the text was read from: a publish re-reads only a changed file.
    text_document_id = models.IntegerField(editable=False, null=True)

    panels = ["document", "title"]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def kind(self):
        return extension(self.document.file.name)

    def clean(self):
        super().clean()
        if self.document_id is None:
            return
        kind = self.kind
        if kind not in ATTACHMENT_KINDS:
            raise ValidationError(
                {"document": f"政策文件的附件只能是 PDF、OFD、DOC 或 DOCX，不能是“.{kind}”。"}
            )
        with self.document.file.open("rb") as file:
            if not content_matches(file, kind):
                raise ValidationError(
                    {
                        "document": f"文件“{self.document.title}”的内容不是有效的 "
                        f"{KIND_NAMES[kind]} 文件，请确认文件未损坏、扩展名正确后重新上传。"
                    }
                )

    def save(self, *args, **kwargs):
        if self.text_document_id != self.document_id:
            try:
                with self.document.file.open("rb") as file:
                    found = extract(file, self.kind)
            except OSError:  # the file is gone from storage: publish, and say so to editors
                found = Extracted("", TextStatus.UNREADABLE)
            self.text, self.text_status = found.text, found.status
            self.text_document_id = self.document_id
        super().save(*args, **kwargs)


@receiver(page_published, dispatch_uid="policies-reindex-with-attachments")
def index_with_attachments(sender, instance, **kwargs):
    """The search index is written when the page row is saved, before its attachments
    are: write it again once the whole page is published."""
    if sender is PolicyDocumentPage:
        index.insert_or_update_object(instance)

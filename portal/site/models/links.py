"""The footer's link directory: groups (政府部门, 行业协会, …) of outbound links, in order.

A group is one snippet edited with its links inline, so an editor reorders a
group's links by dragging them; the groups themselves are ordered in the listing.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from portal.caching.tags import CHROME


class LinkGroup(ClusterableModel):
    name = models.CharField("分组名称", max_length=30, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0, editable=False)

    sort_order_field = "sort_order"
    # Shown in every page's footer (portal/caching/invalidation.py).
    invalidates = (CHROME,)
    panels = [
        FieldPanel("name"),
        InlinePanel("links", label="链接", heading="链接（可拖动排序）"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "链接分组"
        verbose_name_plural = "链接目录"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is None and not self.sort_order:
            # A new group goes after the existing ones; editors drag it elsewhere.
            last = LinkGroup.objects.aggregate(last=models.Max("sort_order"))["last"]
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)


class DirectoryLink(Orderable):
    group = ParentalKey(LinkGroup, on_delete=models.CASCADE, related_name="links")
    name = models.CharField("名称", max_length=60)
    url = models.URLField(
        "网址", blank=True, help_text="以 http:// 或 https:// 开头；留空则只显示名称，不加链接"
    )

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "链接"
        verbose_name_plural = "链接"

    def __str__(self):
        return self.name

"""会员单位: the association's members, and the block that lists them in a page."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks

from portal.caching.dependencies import ANY_CONTENT, shown
from zones.choices import Province

# Province's labels are its member names in English: show the Chinese values instead.
PROVINCES = [(province, province) for province in Province.values]


class MemberUnit(models.Model):
    """会员单位: a member of the association, listed in the directory editors manage."""

    # The directory block says it shows any content (portal/caching/invalidation.py).
    invalidates = (ANY_CONTENT,)

    class Kind(models.TextChoices):
        ZONE = "zone", "开发区"
        ENTERPRISE = "enterprise", "企业"
        INSTITUTION = "institution", "事业单位、科研院所"
        ASSOCIATION = "association", "社会团体"
        OTHER = "other", "其他"

    name = models.CharField("单位名称", max_length=100, unique=True)
    kind = models.CharField("单位类型", max_length=12, choices=Kind.choices, default=Kind.ZONE)
    province = models.CharField(
        "省份", max_length=12, choices=PROVINCES, blank=True, help_text="全国性单位留空"
    )
    zone = models.ForeignKey(
        "zones.ZonePage",
        verbose_name="开发区页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="会员单位是开发区时，链接到它在“中国开发区”中的介绍页面",
    )

    class Meta:
        ordering = ["province", "name"]
        verbose_name = "会员单位"
        verbose_name_plural = "会员单位"

    def __str__(self):
        return self.name

    def clean(self):
        if self.zone_id and self.kind != self.Kind.ZONE:
            raise ValidationError({"zone": "只有类型为“开发区”的会员单位才能链接开发区页面。"})
        if self.zone_id and not self.province:
            self.province = self.zone.province


class MemberDirectoryBlock(blocks.StaticBlock):
    """Places the member-unit directory, grouped by province, in a page's body."""

    class Meta:
        label = "会员单位名录"
        icon = "group"
        admin_text = "显示在“会员单位”中维护的全部会员单位，按省份分组。"
        template = "association/blocks/member_directory.html"

    def get_context(self, value, parent_context=None):
        # Member units say no more than "content changed" when saved (`invalidates`).
        shown(ANY_CONTENT)
        context = super().get_context(value, parent_context)
        order = {province: number for number, province in enumerate(Province.values)}
        units = sorted(
            MemberUnit.objects.select_related("zone"),
            key=lambda unit: (order.get(unit.province, -1), unit.name),
        )
        context["groups"] = [
            (province or "全国性单位", list(members))
            for province, members in groupby(units, key=lambda unit: unit.province)
        ]
        context["total"] = len(units)
        return context

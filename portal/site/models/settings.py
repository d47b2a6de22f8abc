"""网站设置: what the chrome of every page shows."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_DESCRIPTION = "中国开发区协会门户网站：开发区资讯、通知公告、中国开发区名录和协会服务。"
# Search engines and share cards show large pictures only from this width (schema.org
# NewsArticle guidelines: at least 1200 pixels wide).
SHARE_IMAGE_MIN_WIDTH = 1200


@register_setting(icon="cog", order=100)
class SiteSettings(BaseSiteSetting):
    """What the chrome of every page shows: name, logo, WeChat, QQ, filings, contact.

    The WeChat AppSecret is not here: it comes from the environment (WECHAT_APP_SECRET).
    """

    site_name = models.CharField("网站名称", max_length=60, default="中国开发区协会")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="网站标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="显示在网站名称左侧，建议高 120 像素的 PNG 图片",
    )
    description = models.CharField(
        "网站简介",
        max_length=150,
        blank=True,
        default=DEFAULT_DESCRIPTION,
        help_text="搜索引擎和分享卡片的摘要：页面没有自己的摘要或导语时使用",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="分享图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="文章没有封面或插图时，分享卡片和搜索结果显示这张图；"
        f"宽度至少 {SHARE_IMAGE_MIN_WIDTH} 像素",
    )
    wechat_name = models.CharField("微信公众号名称", max_length=60, blank=True)
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="公众号二维码",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="上传后页面顶部显示“微信公众号”，鼠标或手指点击即弹出二维码",
    )
    wechat_app_id = models.CharField(
        "公众号 AppID",
        max_length=32,
        blank=True,
        validators=[RegexValidator(r"^wx[0-9a-f]{16}$", "AppID 形如 wx 加 16 位十六进制字符。")],
        help_text="可选。填写且服务器配置了 AppSecret 后，文章在微信中分享时显示标题、摘要和封面",
    )
    qq_group = models.CharField(
        "QQ交流群号",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^[1-9][0-9]{4,11}$", "QQ 群号为 5 至 12 位数字。")],
    )
    qq_join_url = models.URLField("QQ加群链接", blank=True, help_text="QQ 群设置中的“分享群”链接")
    icp_number = models.CharField(
        "ICP备案号", max_length=40, blank=True, help_text="如 京ICP备12345678号-1"
    )
    police_number = models.CharField(
        "公安备案号", max_length=40, blank=True, help_text="如 京公网安备11010502030143号"
    )
    address = models.CharField("地址", max_length=120, blank=True)
    phone = models.CharField("电话", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    copyright = models.CharField(
        "版权声明", max_length=120, blank=True, help_text="留空则显示“© 当年 网站名称 版权所有”"
    )
    mourning_start = models.DateField(
        "哀悼开始日期",
        null=True,
        blank=True,
        help_text="从这一天零点起，整个网站以黑白（灰色）显示；到期自动恢复，无需重新发布",
    )
    mourning_end = models.DateField(
        "哀悼结束日期",
        null=True,
        blank=True,
        help_text="这一天结束后恢复彩色；留空则只持续开始当天",
    )

    select_related = ["logo", "wechat_qr", "share_image"]
    panels = [
        MultiFieldPanel(["site_name", "logo", "description", "share_image"], heading="网站"),
        MultiFieldPanel(["wechat_name", "wechat_qr", "wechat_app_id"], heading="微信公众号"),
        MultiFieldPanel(["qq_group", "qq_join_url"], heading="QQ交流群"),
        MultiFieldPanel(["address", "phone", "email"], heading="联系方式"),
        MultiFieldPanel(["copyright", "icp_number", "police_number"], heading="版权与备案"),
        MultiFieldPanel(["mourning_start", "mourning_end"], heading="哀悼模式（全站黑白）"),
    ]

    def clean(self):
        super().clean()
        if self.share_image and self.share_image.width < SHARE_IMAGE_MIN_WIDTH:
            raise ValidationError(
                {
                    "share_image": f"分享图片宽 {self.share_image.width} 像素，"
                    f"至少需要 {SHARE_IMAGE_MIN_WIDTH} 像素。"
                }
            )
        if self.mourning_end and not self.mourning_start:
            raise ValidationError({"mourning_start": "请填写哀悼开始日期。"})
        if self.mourning_start and self.mourning_end and self.mourning_end < self.mourning_start:
            raise ValidationError({"mourning_end": "结束日期不能早于开始日期。"})

    @property
    def mourning_days(self):
        """(first, last) local date of 哀悼模式, or None when none is set."""
        if not self.mourning_start:
            return None
        return (self.mourning_start, self.mourning_end or self.mourning_start)

    class Meta:
        verbose_name = "网站设置"

    @property
    def police_code(self):
        """The digits of the 公安备案号, which the public-security filing site looks up."""
        return "".join(re.findall(r"\d", self.police_number))

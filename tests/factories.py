"""Factories for every page type; pass `parent=` to place a page in the tree."""

import datetime

import factory
import wagtail_factories

from association import models as association
from news import models as news
from portal.caching.generation import bump_generation
from portal.compat import child_path
from portal.site.models import HomePage
from tests.helpers import SHANGHAI
from zones import models as zones


class PortalPageFactory(wagtail_factories.PageFactory):
    # Empty, so the page makes its slug from the title's pinyin as in the admin.
    slug = ""

    class Meta:
        abstract = True


class HomePageFactory(PortalPageFactory):
    title = "首页"

    class Meta:
        model = HomePage


class NewsIndexPageFactory(PortalPageFactory):
    title = "资讯中心"
    slug = "news"

    class Meta:
        model = news.NewsIndexPage


class NewsCategoryPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"栏目{n}")

    class Meta:
        model = news.NewsCategoryPage


class NewsPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"开发区新闻第{n}篇")
    source = "中国开发区协会"
    authors = "张伟 李娜"
    editor = "王芳"
    publish_time = factory.Sequence(
        lambda n: datetime.datetime(2020, 3, 1, 9, 0, tzinfo=SHANGHAI) + datetime.timedelta(hours=n)
    )
    summary = "开发区统筹推进疫情防控和经济社会发展。"
    body = factory.LazyFunction(
        lambda: [
            ("heading", "及早部署，广泛宣传"),
            ("paragraph", "<p>经开区坚持疫情防控和复工复产两手抓。</p>"),
        ]
    )

    class Meta:
        model = news.NewsPage


class TopicIndexPageFactory(PortalPageFactory):
    title = "专题"
    slug = "topics"

    class Meta:
        model = news.TopicIndexPage


class TopicPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"专题{n}")

    class Meta:
        model = news.TopicPage


class NoticeIndexPageFactory(PortalPageFactory):
    title = "通知公告"
    slug = "notices"

    class Meta:
        model = news.NoticeIndexPage


class NoticePageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"关于召开第{n}次会员大会的通知")
    doc_number = factory.Sequence(lambda n: f"中开协〔2020〕{n}号")
    issuer = "中国开发区协会秘书处"

    class Meta:
        model = news.NoticePage


class SubmissionPageFactory(PortalPageFactory):
    title = "投稿"
    slug = "submit"

    class Meta:
        model = news.SubmissionPage


class ZoneIndexPageFactory(PortalPageFactory):
    title = "中国开发区"
    slug = "zones"

    class Meta:
        model = zones.ZoneIndexPage


class ZonePageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"示范经济技术开发区{n}")
    province = "重庆市"
    level = "国家级"
    kind = "经济技术开发区"

    class Meta:
        model = zones.ZonePage


class AboutPageFactory(PortalPageFactory):
    title = "协会简介"

    class Meta:
        model = association.AboutPage


class ServiceIndexPageFactory(PortalPageFactory):
    title = "协会服务"
    slug = "services"

    class Meta:
        model = association.ServiceIndexPage


class ServicePageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"服务项目{n}")

    class Meta:
        model = association.ServicePage


class MagazineIndexPageFactory(PortalPageFactory):
    title = "《中国开发区》"
    slug = "magazine"

    class Meta:
        model = association.MagazineIndexPage


class MagazineIssuePageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"《中国开发区》2020年第{n}期")
    year = 2020
    number = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = association.MagazineIssuePage


class MessageBoardPageFactory(PortalPageFactory):
    title = "留言"
    slug = "messages"

    class Meta:
        model = association.MessageBoardPage


class MessageFactory(factory.django.DjangoModelFactory):
    subject = factory.Sequence(lambda n: f"关于开发区政策的咨询{n}")
    body = "请问今年的省级开发区考核办法何时发布？"
    name = "李明"
    phone = factory.Sequence(lambda n: f"1380013{n:04d}")
    email = factory.Sequence(lambda n: f"liming{n}@example.org")

    class Meta:
        model = "association.Message"


class MemberUnitFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"示范会员单位{n}")

    class Meta:
        model = "association.MemberUnit"


def bulk_zone_pages(parent, count):
    """`count` live zone pages under `parent` in a handful of queries, for scale tests.

    Builds the tree paths itself (as treebeard would) and inserts the pages' rows in
    bulk, cycling through every province and every kind of both levels.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    from zones.choices import KINDS_BY_LEVEL, Province

    kinds = [(level, kind) for level, level_kinds in KINDS_BY_LEVEL.items() for kind in level_kinds]
    provinces = list(Province)
    content_type = ContentType.objects.get_for_model(zones.ZonePage)
    first = parent.numchild + 1
    zone_rows, pages = [], []
    for n in range(first, first + count):
        level, kind = kinds[n % len(kinds)]
        slug = f"bulk-zone-{n}"
        pages.append(
            Page(
                title=f"批量示范{kind}{n}",
                draft_title=f"批量示范{kind}{n}",
                slug=slug,
                path=child_path(parent.path, n),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
            )
        )
        zone_rows.append((provinces[n % len(provinces)].value, level.value, kind.value))
    Page.objects.bulk_create(pages)
    fields = [f for f in zones.ZonePage._meta.local_concrete_fields]
    table = connection.ops.quote_name(zones.ZonePage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = []
    for page, (province, level, kind) in zip(pages, zone_rows, strict=True):
        zone = zones.ZonePage(page_ptr_id=page.pk, province=province, level=level, kind=kind)
        rows.append([f.get_db_prep_save(getattr(zone, f.attname), connection) for f in fields])
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    parent.numchild += count
    bump_generation()  # what publishing each page would have done: cached counts go stale

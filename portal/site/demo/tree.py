"""Building the demo site tree; every step can run again and updates in place."""

import csv
import datetime
import io
import json
import random
import secrets
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from association.models import (
    AboutPage,
    MagazineIndexPage,
    MagazineIssuePage,
    MessageBoardPage,
    ServiceIndexPage,
    ServicePage,
)
from news.models import (
    NewsCategoryPage,
    NewsIndexPage,
    NewsPage,
    NoticeAttachment,
    NoticeIndexPage,
    NoticePage,
    PageViewCount,
    SubmissionPage,
    TopicIndexPage,
    TopicPage,
)
from policies.importer import PolicyImporter
from policies.models import Issuer, PolicyLibraryPage
from portal.core.address import host_and_port
from portal.core.slugs import pinyin_slug
from portal.core.tree import add_child_page
from portal.site.demo.images import demo_document, demo_image, draw_emblem
from portal.site.demo.interaction import build_interaction
from portal.site.fake.writer import ArticleWriter
from portal.site.models import DirectoryLink, HomePage, LinkGroup, SiteSettings
from zones.importer import ZoneImporter
from zones.models import ZoneIndexPage, ZonePage

DEMO_DIR = Path(__file__).resolve().parent
# The column that shows pagination in the demo, and how many written articles it gets
# beside its own from content.json.
LONG_COLUMN = "省级开发区动态"
LONG_COLUMN_EXTRA = 36
SHANGHAI = ZoneInfo("Asia/Shanghai")


ABOUT_INTRODUCTION = (
    "中国开发区协会是全国各类开发区、产业园区及相关机构自愿结成的行业组织，"
    "致力于为会员单位搭建交流合作平台，推动开发区高质量发展。",
    "协会开展政策研究、业务培训、招商推介和信息服务，编辑出版《中国开发区》杂志，"
    "组织年度会员大会和专题论坛。下面可以了解协会的概况、组织机构、会员单位和联系方式。",
)


def load_content():
    return json.loads((DEMO_DIR / "content.json").read_text(encoding="utf-8"))


def local_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def paragraphs(texts):
    return [("paragraph", f"<p>{escape(text)}</p>") for text in texts]


def stream(blocks):
    """content.json body blocks -> StreamField data."""
    return [
        ("heading", block["text"])
        if block["type"] == "heading"
        else ("paragraph", f"<p>{escape(block['text'])}</p>")
        for block in blocks
    ]


def upsert(parent, model, slug, tags=None, **fields):
    """Create or update the child of `parent` at `slug`, then publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first() or model(slug=slug)
    for name, value in fields.items():
        setattr(page, name, value)
    if tags is not None:
        page.tags.set(tags)
    if page.pk is None:
        add_child_page(parent, page)
    page.save_revision().publish()
    return page


def ensure_home():
    """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="首页", slug="shouye"))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname, site.port = host_and_port()  # SITE_URL
    site.site_name = "中国开发区协会"
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).filter(
        content_type__app_label="wagtailcore"
    ).delete()
    home.save_revision().publish()
    return home


def build_news(index, content):
    zones = {zone.title: zone for zone in ZonePage.objects.all()}
    columns = {}
    for column in content["columns"]:
        columns[column["title"]] = upsert(
            index,
            NewsCategoryPage,
            column["slug"],
            title=column["title"],
            intro=f"<p>{escape(column['intro'])}</p>",
            show_in_menus=True,
        )
    articles = []
    for number, article in enumerate(content["articles"], start=1):
        cover = (
            demo_image(f"demo-cover-{number}", description=f"{article['title']}（示意图）")
            if article.get("headline")
            else None
        )
        page = upsert(
            columns[article["column"]],
            NewsPage,
            pinyin_slug(article["title"]),
            tags=article["tags"],
            title=article["title"],
            source=article["source"],
            authors=" ".join(article["authors"]),
            editor=article.get("editor", ""),
            publish_time=local_time(article["publish_time"]),
            summary=article["summary"],
            cover_image=cover,
            is_headline=bool(article.get("headline")),
            body=stream(article["body"]),
            zones=[zones[name] for name in article.get("zones", []) if name in zones],
        )
        PageViewCount.objects.update_or_create(page=page, defaults={"count": article["views"]})
        articles.append(page)
    articles += build_long_column(columns[LONG_COLUMN], zones)
    topics = upsert(index, TopicIndexPage, "topics", title="专题")
    upsert(
        topics,
        TopicPage,
        "fu-gong-fu-chan",
        title="复工复产专题",
        banner_image=demo_image(
            "demo-topic-banner", (1200, 360), description="复工复产专题横幅（示意图）"
        ),
        introduction="<p>聚焦各地开发区统筹疫情防控和经济社会发展、推动企业复工复产的举措与成效。</p>",
        sections=[
            ("section", {"title": "各地举措", "tag": "复工复产", "articles": [], "count": 10}),
            ("section", {"title": "疫情防控", "tag": "疫情防控", "articles": [], "count": 10}),
            ("section", {"title": "政策解读", "tag": "政策解读", "articles": [], "count": 6}),
        ],
    )
    return articles


def build_long_column(column, zones):
    """Written articles enough for the column to show several pages (20 a page): the fake
    content's writer with a fixed seed, so every run writes the same ones in place."""
    writer = ArticleWriter(random.Random(LONG_COLUMN), zones)
    start = local_time("2020-03-01 09:30")
    pages = []
    for number in range(LONG_COLUMN_EXTRA):
        article = writer.article(column.title, start - datetime.timedelta(days=2 * number + 1))
        page = upsert(
            column,
            NewsPage,
            f"dong-tai-{number + 1:02d}",
            tags=article["tags"],
            title=article["title"],
            source=article["source"],
            authors=article["authors"],
            editor=article["editor"],
            publish_time=article["publish_time"],
            summary=article["summary"],
            body=article["body"],
            zones=[zones[article["zone"]]] if article["zone"] in zones else [],
        )
        PageViewCount.objects.update_or_create(page=page, defaults={"count": article["views"]})
        pages.append(page)
    return pages


def build_notices(index, content):
    form = demo_document("报名回执表（示例）")
    for notice in content["notices"]:
        upsert(
            index,
            NoticePage,
            pinyin_slug(notice["title"]),
            title=notice["title"],
            doc_number=notice["doc_number"],
            issuer=notice["issuer"],
            publish_time=local_time(notice["publish_time"]),
            pinned=notice.get("pinned", False),
            body=paragraphs(notice["body"]),
            attachments=[NoticeAttachment(document=form)],
        )


def build_zones(index):
    """The sample catalogue, through the same importer as `manage.py import_zones`."""
    report = ZoneImporter(index).run(DEMO_DIR / "zone-catalogue-sample.csv")
    if not report.ok:
        raise RuntimeError(f"demo zone catalogue: {report.problems}")


# National documents (real titles, numbers, issuers and dates, shared/reference), then the
# association's own 示例 documents, which revise, repeal and expire.
POLICY_LISTS = ("policy-documents-sample.csv", "policy-documents-association.csv")


def build_policies(library):
    """The demo library, through the same importer as `manage.py import_policies`; the
    issuers the lists name are added to the managed list first."""
    for name in POLICY_LISTS:
        with open(DEMO_DIR / name, encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                for issuer in row["issuers"].split(";"):
                    Issuer.objects.get_or_create(name=issuer.strip())
        report = PolicyImporter(library).run(DEMO_DIR / name)
        if not report.ok:
            raise RuntimeError(f"demo policy list {name}: {report.problems}")


# Demo profiles of the sample zones: address and, where known, the official website.
ZONE_PROFILES = {
    "北京经济技术开发区": ("北京市大兴区荣华中路", "http://kfqgw.beijing.gov.cn"),
    "中关村科技园区": ("北京市海淀区中关村大街", "https://zgcgw.beijing.gov.cn"),
    "上海漕河泾新兴技术开发区": ("上海市徐汇区宜山路", "https://www.caohejing.com"),
    "苏州工业园区": ("江苏省苏州市工业园区现代大道", "https://www.sipac.gov.cn"),
    "昆山经济技术开发区": ("江苏省昆山市前进东路", ""),
    "重庆经济技术开发区": ("重庆市南岸区江南大道", ""),
    "武汉东湖新技术开发区": ("湖北省武汉市东湖新技术开发区高新大道", "http://www.wehdz.gov.cn"),
    "西安高新技术产业开发区": ("陕西省西安市高新区锦业路", "http://xdz.xa.gov.cn"),
    "合肥经济技术开发区": ("安徽省合肥市经济技术开发区繁华大道", ""),
    "重庆双桥经济开发区": ("重庆市大足区双桥街道", ""),
}


def describe_zones():
    """简介, address, website and a picture for the sample zones that have none yet."""
    for zone in ZonePage.objects.filter(title__in=ZONE_PROFILES, introduction=""):
        address, website = ZONE_PROFILES[zone.title]
        since = f"{zone.approved_on.year}年经批准设立，" if zone.approved_on else ""
        zone.introduction = (
            f"<p>{escape(zone.title)}位于{escape(zone.province)}，{since}"
            f"是{zone.get_level_display()}{zone.get_kind_display()}。</p>"
            f"<p>园区以{escape(zone.industries or '先进制造业')}为主导产业，持续优化营商环境，"
            "推进产城融合和绿色发展，已成为区域经济增长和对外开放的重要平台。</p>"
        )
        zone.address, zone.website = address, website
        if not zone.gallery_images.exists():
            zone.gallery_images.create(
                image=demo_image(f"{zone.title}园区风貌"), caption="园区风貌"
            )
        zone.save_revision().publish()


def build_association(home, sections, content):
    services, about, magazine = sections["services"], sections["about"], sections["magazine"]
    for service in content["services"]:
        upsert(
            services,
            ServicePage,
            service["slug"],
            title=service["title"],
            summary=service["summary"],
            body=paragraphs(service["body"]),
            show_in_menus=True,
        )
    for page in content["about_pages"]:
        upsert(
            about,
            AboutPage,
            page["slug"],
            title=page["title"],
            body=paragraphs(page["body"]),
            show_in_menus=True,
        )
    upsert(
        home,
        SubmissionPage,
        "submit",
        title="投稿",
        show_in_menus=True,
        guidelines="<p>欢迎各开发区、会员单位投稿。来稿请注明来源单位、作者和联系方式，编辑审核后发布。</p>",
    )
    magazine = upsert(home, MagazineIndexPage, "magazine", title="《中国开发区》")
    for issue in content["magazine_issues"]:
        contents = "".join(f"<p>{escape(line)}</p>" for line in issue["contents"])
        upsert(
            magazine,
            MagazineIssuePage,
            f"{issue['year']}-{issue['number']:02d}",
            title=issue["title"],
            year=issue["year"],
            number=issue["number"],
            contents=contents,
            cover=demo_image(
                f"demo-magazine-{issue['year']}-{issue['number']}",
                (420, 594),
                description=f"{issue['title']}封面",
            ),
        )
    upsert(
        home,
        MessageBoardPage,
        "messages",
        title="留言",
        intro="<p>欢迎留言，我们会尽快回复。留言经审核后公开，联系方式不会公开。</p>",
    )


def ensure_admin(username="admin"):
    """The demo superuser, with a fresh random password printed on each run."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"email": "admin@example.org"})
    password = secrets.token_urlsafe(9)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return username, password


def build_sections(home):
    """The home page's children, created in menu order."""
    return {
        "news": upsert(home, NewsIndexPage, "news", title="资讯中心", show_in_menus=True),
        "zones": upsert(home, ZoneIndexPage, "zones", title="中国开发区", show_in_menus=True),
        "policies": upsert(
            home,
            PolicyLibraryPage,
            "policies",
            title="政策法规",
            show_in_menus=True,
            intro="<p>国家和地方有关开发区的政策文件，以及中国开发区协会的规范性文件。</p>",
        ),
        "services": upsert(
            home, ServiceIndexPage, "services", title="协会服务", show_in_menus=True
        ),
        "about": upsert(
            home,
            AboutPage,
            "about",
            title="中国开发区协会",
            show_in_menus=True,
            body=paragraphs(ABOUT_INTRODUCTION),
        ),
        "submit": upsert(
            home,
            SubmissionPage,
            "submit",
            title="投稿",
            show_in_menus=True,
            guidelines="<p>欢迎各开发区、会员单位投稿。来稿请注明来源单位、作者和联系方式，"
            "编辑审核后发布。</p>",
        ),
        "notices": upsert(home, NoticeIndexPage, "notices", title="通知公告"),
        "magazine": upsert(home, MagazineIndexPage, "magazine", title="《中国开发区》"),
        "messages": upsert(
            home,
            MessageBoardPage,
            "messages",
            title="留言",
            intro="<p>欢迎留言，我们会尽快回复。留言经审核后公开，联系方式不会公开。</p>",
        ),
    }


def load_link_directory(path):
    """link-directory.csv (group, name, url) -> link groups in file order; replaces their links."""
    groups = {}
    with open(path, encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            groups.setdefault(row["group"].strip(), []).append(row)
    for order, (name, rows) in enumerate(groups.items()):
        group = LinkGroup.objects.filter(name=name).first() or LinkGroup(name=name)
        group.sort_order = order
        group.links = [
            DirectoryLink(name=row["name"].strip(), url=(row["url"] or "").strip()) for row in rows
        ]
        group.save()
    return sum(len(rows) for rows in groups.values())


def demo_qr(title, text):
    picture = io.BytesIO()
    segno.make(text, error="m").save(picture, kind="png", scale=8, border=4)
    return demo_image(title, picture=picture)


def build_chrome(site):
    """The footer's link directory and demo site settings (placeholders, marked 示例)."""
    links = load_link_directory(DEMO_DIR / "link-directory.csv")
    settings = SiteSettings.for_site(site)
    settings.site_name = "中国开发区协会"
    settings.logo = demo_image("demo-emblem", picture=draw_emblem())
    settings.share_image = demo_image("demo-share-card", size=(1200, 630))
    settings.wechat_name = "中国开发区协会"
    settings.wechat_qr = demo_qr("demo-wechat-qr", "中国开发区协会微信公众号（示例二维码）")
    settings.qq_group = "100000001"
    settings.address = "北京市西城区示例路1号（示例地址）"
    settings.phone = "010-00000000（示例）"
    settings.email = "office@example.org"
    settings.icp_number = "京ICP备00000000号-1（示例）"
    settings.police_number = "京公网安备11000000000000号（示例）"
    settings.save()
    return links


@transaction.atomic
def build_demo_site():
    content = load_content()
    home = ensure_home()
    sections = build_sections(home)
    build_zones(sections["zones"])
    build_policies(sections["policies"])
    describe_zones()
    articles = build_news(sections["news"], content)
    build_association(home, sections, content)
    build_notices(sections["notices"], content)
    build_interaction(sections)
    links = build_chrome(Site.objects.get(is_default_site=True))
    return {"articles": len(articles), "zones": ZonePage.objects.count(), "links": links}

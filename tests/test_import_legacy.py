"""`import_legacy` brings the old site's articles in whole and exact, and re-runs update them."""

import datetime
import html
import shutil
import unicodedata
from collections import namedtuple
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.utils.html import strip_tags
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page

from news.legacy import importer
from news.legacy.chinese import full_width
from news.legacy.layout import split_crumbs
from news.legacy.meta import Meta, find_datetime
from news.models import (
    LegacySource,
    LegacyURL,
    NewsCategoryPage,
    NewsIndexPage,
    NewsPage,
    PageViewCount,
)
from tests.helpers import SHANGHAI

DATA = Path(__file__).parent / "data" / "legacy"
SEED = DATA / "seed_capture.txt"
HTML_ARTICLE = DATA / "html_article" / "article.html"
GBK_ARTICLE = DATA / "gbk_article.htm"
NOTICE = DATA / "notice_trs.html"
TABLE_LAYOUT = DATA / "table_layout.html"
GOOD_FILES = [
    SEED,
    DATA / "capture_fullwidth_meta.txt",
    DATA / "capture_editor_meta.txt",
    DATA / "capture_source_then_date.txt",
    DATA / "capture_trailing_source.txt",
    GBK_ARTICLE,
    HTML_ARTICLE,
    NOTICE,
    TABLE_LAYOUT,
]
SEED_TITLE = "重庆双桥经济开发区：“保姆式”贴心服务 助推经济高速发展"
SEED_HEADINGS = ["及早部署，广泛宣传", "深入走访，服务企业", "精准施策，助力复工"]
# Every piece of the old site's chrome in the seed capture; none may reach the body.
SEED_CHROME = [
    "首页",
    "资讯中心",
    "中国开发区",
    "协会服务",
    "中国开发区协会",
    "投稿",
    "收藏",
    "公众号",
    "扫一扫",
    "关注公众号",
    "加入QQ",
    "交流群",
    "留言",
    "《中国开发区》",
    "打开菜单",
    "收起菜单",
    "通知公告",
    "当前位置",
    "省级开发区动态",
    "来源",
    "罗传莹",
    "发布时间",
    "点击量",
    "字体",
    "分享",
    "国家发展和改革委员会",
    "内蒙古开发区协会",
    "中国新闻网",
    "中国职业技术教育网",
    "政府部门",
    "行业协会",
    "新闻媒体",
    "友情链接",
    "留言箱",
]

Run = namedtuple("Run", "out err failed")  # failed: the command's error message, or ""


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_legacy", *map(str, args), stdout=out, stderr=err)
        failed = ""
    except CommandError as error:
        failed = str(error)
    return Run(out.getvalue(), err.getvalue(), failed)


def at(*parts):
    return datetime.datetime(*parts, tzinfo=SHANGHAI)


def blocks(page):
    """(kind, plain text) for each text block of the page's body."""
    return [
        (block.block_type, html.unescape(strip_tags(block.value.source)))
        if block.block_type == "paragraph"
        else (block.block_type, block.value)
        for block in page.body
        if block.block_type in {"paragraph", "heading"}
    ]


def body_text(page):
    return "\n".join(text for _, text in blocks(page))


def fold(text):
    """Compare text whatever the width of its punctuation."""
    return unicodedata.normalize("NFKC", text)


def imported(title):
    return NewsPage.objects.get(title=title)


def snapshot():
    return {
        "pages": Page.objects.count(),
        "articles": NewsPage.objects.count(),
        "revisions": sum(page.revisions.count() for page in NewsPage.objects.all()),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "sources": LegacySource.objects.count(),
        "urls": LegacyURL.objects.count(),
        "views": sorted(PageViewCount.objects.values_list("count", flat=True)),
    }


@pytest.mark.django_db
def test_the_seed_capture_imports_exactly(news_index, client):
    result = run(SEED)
    assert not result.failed, result.err
    article = imported(SEED_TITLE)

    assert article.live and article.live_revision is not None
    assert article.source == "重庆双桥经济开发区"
    assert article.authors.split() == ["罗传莹", "邹玉红"]
    assert article.publish_time == at(2020, 3, 19, 10, 38)
    assert article.first_published_at == article.publish_time
    assert PageViewCount.for_page(article) == 395
    column = article.get_parent().specific
    assert isinstance(column, NewsCategoryPage) and column.title == "省级开发区动态"
    assert column.get_parent().pk == news_index.pk and column.live

    kinds = blocks(article)
    assert [text for kind, text in kinds if kind == "heading"] == SEED_HEADINGS
    # The article's own lines are those indented deeper than the chrome; each one
    # is in the body, in order, and nothing else is.
    original = [
        line.strip()
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if line.startswith(" " * 6)
    ]
    assert [fold(text) for _, text in kinds] == [fold(line) for line in original if line]
    text = body_text(article)
    for chrome in SEED_CHROME:
        assert chrome not in text, chrome
    assert SEED_TITLE not in text
    # The capture's flattened punctuation is full-width again; times and numbers keep theirs.
    assert text.startswith("经开区坚持疫情防控和复工复产两手抓，以超常规思维")
    assert "贝卡尔特（重庆）钢帘线有限公司" in text
    assert "“你们的防疫物资是否充足？”" in text
    assert "3.8亿元；联合大足区社保局" in text
    assert text.endswith("努力实现疫情防控和经济发展取得“双赢”！")

    page = client.get(article.url).content.decode()
    assert "2020年03月19日 10:38" in page and "及早部署，广泛宣传" in page
    assert "1 created, 0 updated, 0 skipped, 0 failed" in result.out


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_a_capture_saved_in_another_encoding_reads_the_same(news_index, tmp_path, encoding):
    capture = tmp_path / "capture.txt"
    capture.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    assert not run(capture).failed
    article = imported(SEED_TITLE)
    assert article.authors == "罗传莹 邹玉红" and PageViewCount.for_page(article) == 395
    assert [text for kind, text in blocks(article) if kind == "heading"] == SEED_HEADINGS


@pytest.mark.django_db
def test_an_existing_column_is_used(column):
    run(SEED)
    assert imported(SEED_TITLE).get_parent().pk == column.pk
    assert NewsCategoryPage.objects.count() == 1


@pytest.mark.django_db
def test_the_news_index_and_column_are_created_when_missing(home):
    run(SEED)
    index = NewsIndexPage.objects.get()
    assert index.title == "资讯中心" and index.get_parent().pk == home.pk and index.live
    column = imported(SEED_TITLE).get_parent()
    assert column.title == "省级开发区动态" and column.get_parent().pk == index.pk
    assert column.slug.isascii() and column.live


META_VARIANTS = {
    "capture_fullwidth_meta.txt": {
        "title": "苏州工业园区：一季度实际使用外资同比增长",
        "source": "苏州工业园区管委会",
        "authors": "张明 李晓燕",
        "editor": "",
        "publish_time": at(2020, 4, 2, 9, 5),
        "views": 1208,
        "column": "国家级开发区动态",
        "headings": ["项目储备充足"],
        "first": "今年一季度，园区实际使用外资同比增长百分之十二，新设外资项目三十个。",
        "chrome": ["打印", "上一篇", "下一篇", "主办", "ICP", "字体", "网站首页"],
    },
    "capture_editor_meta.txt": {
        "title": "中国开发区协会召开2020年度工作会议",
        "source": "",
        "authors": "",
        "editor": "王芳",
        "publish_time": at(2020, 3, 3, 0, 0),
        "views": 0,
        "column": "协会动态",
        "headings": [],
        "first": "会议总结了2019年协会工作，部署了2020年重点任务。",
        "chrome": ["版权所有", "录入", "通知公告"],
    },
    "capture_source_then_date.txt": {
        "title": "商务部发布促进开发区创新提升的指导意见",
        "source": "商务部",
        "authors": "",
        "editor": "",
        "publish_time": at(2020, 4, 9, 0, 0),
        "views": 0,
        "column": "政策法规",
        "headings": [],
        "first": "意见提出，推动开发区在稳外资、稳外贸中发挥更大作用。",
        "chrome": ["友情链接", "政府部门", "2020"],
    },
    "capture_trailing_source.txt": {
        "title": "天津经开区举办企业服务月活动",
        "source": "天津经济技术开发区管委会",
        "authors": "",
        "editor": "",
        "publish_time": at(2020, 4, 9, 0, 0),
        "views": 0,
        "column": "往期资讯",
        "headings": [],
        "first": "活动期间，经开区走访企业三百余家，协调解决问题八十余个。",
        "chrome": ["信息来源", "国家发展和改革委员会", "主办", "ICP", "收起菜单", "2020"],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(META_VARIANTS))
def test_each_meta_line_variant(news_index, settings, name):
    settings.LEGACY_IMPORT_COLUMN = "往期资讯"
    expected = META_VARIANTS[name]
    result = run(DATA / name)
    assert not result.failed, result.err
    article = imported(expected["title"])
    assert article.source == expected["source"]
    assert article.authors == expected["authors"]
    assert article.editor == expected["editor"]
    assert article.publish_time == expected["publish_time"]
    assert PageViewCount.for_page(article) == expected["views"]
    assert article.get_parent().title == expected["column"]
    kinds = blocks(article)
    assert [text for kind, text in kinds if kind == "heading"] == expected["headings"]
    assert kinds[0] == ("paragraph", expected["first"])
    for chrome in expected["chrome"]:
        assert chrome not in body_text(article), chrome


@pytest.mark.django_db
def test_without_a_breadcrumb_the_column_option_decides(news_index):
    run(DATA / "capture_trailing_source.txt", "--column", "协会动态")
    column = imported("天津经开区举办企业服务月活动").get_parent()
    assert column.title == "协会动态" and column.get_parent().pk == news_index.pk


@pytest.mark.django_db
def test_a_new_column_on_reimport_moves_the_page_and_its_old_address_redirects(news_index, client):
    trailing = DATA / "capture_trailing_source.txt"
    run(trailing)
    article = imported("天津经开区举办企业服务月活动")
    old_url = article.url
    result = run(trailing, "--column", "协会动态")
    assert "0 created, 1 updated" in result.out
    moved = imported("天津经开区举办企业服务月活动")
    assert moved.pk == article.pk and moved.get_parent().title == "协会动态"
    assert moved.url != old_url and client.get(moved.url).status_code == 200
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == moved.url


@pytest.mark.django_db
def test_an_html_page_with_a_picture(news_index, client):
    result = run(HTML_ARTICLE)
    assert not result.failed, result.err
    article = imported("青岛西海岸新区：项目建设跑出加速度")
    assert article.source == "青岛西海岸新区管委"
    assert article.authors == "王建国"
    assert article.editor == "李娜"
    assert article.publish_time == at(2021, 5, 6, 14, 20)
    assert PageViewCount.for_page(article) == 86
    assert article.get_parent().title == "协会动态"

    image = get_image_model().objects.get()
    assert image.title == image.description == "图为新区重点项目施工现场"
    assert (image.width, image.height) == (120, 80)
    pictures = [block.value for block in article.body if block.block_type == "image"]
    assert len(pictures) == 1
    assert pictures[0]["image"].pk == image.pk
    assert pictures[0]["caption"] == "图为新区重点项目施工现场"
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert blocks(article)[0][1] == (
        "今年以来，西海岸新区坚持项目为王，重点项目建设跑出加速度，一批大项目好项目相继开工。"
    )
    # Line breaks of the HTML source inside Chinese text vanish.
    assert blocks(article)[-1][1] == (
        "新区推行“拿地即开工”审批模式，项目平均审批时间压缩一半，企业满意度明显提升。"
    )

    # Only text and pictures: no markup, links, scripts or chrome of the old page.
    sources = "".join(
        block.value.source for block in article.body if block.block_type == "paragraph"
    )
    for junk in ["<a", "href", "<script", "alert", "onclick", "<strong", "style="]:
        assert junk not in sources, junk
    for chrome in ["收藏本站", "热点新闻", "分享到", "微博", "上一篇", "主办", "ICP", "责任编辑"]:
        assert chrome not in body_text(article), chrome

    page = client.get(article.url).content.decode()
    assert 'alt="图为新区重点项目施工现场"' in page


@pytest.mark.django_db
def test_a_gbk_encoded_page_with_br_paragraphs(news_index):
    result = run(GBK_ARTICLE)
    assert not result.failed, result.err
    article = imported("广西钦州保税港区开行首趟中欧班列")
    assert article.source == "钦州保税港区"
    assert article.publish_time == at(2020, 3, 9, 0, 0)
    assert PageViewCount.for_page(article) == 57
    # "新闻中心 >> 开发区动态": the column goes under the portal's one news index.
    assert article.get_parent().title == "开发区动态"
    assert article.get_parent().get_parent().pk == news_index.pk
    assert blocks(article) == [
        ("paragraph", "3月9日，广西钦州保税港区首趟中欧班列鸣笛发车。"),
        ("paragraph", "班列满载电子产品和机械设备，预计十五天后抵达欧洲。"),
        ("paragraph", "保税港区表示，将推动班列常态化开行，服务西部陆海新通道建设。"),
    ]


@pytest.mark.django_db
def test_a_government_cms_notice_keeps_its_signature(news_index):
    result = run(NOTICE)
    assert not result.failed, result.err
    notice = imported("关于开展2020年度开发区评价工作的通知")
    assert notice.source == "商务部外资司"
    assert notice.publish_time == at(2020, 5, 12, 0, 0)
    assert notice.get_parent().title == "国家级开发区动态"  # "首页-国家级开发区动态"
    assert blocks(notice) == [
        ("paragraph", "各省、自治区、直辖市商务主管部门："),
        (
            "paragraph",
            "为做好2020年度国家级经济技术开发区综合发展水平考核评价工作，现将有关事项通知如下。",
        ),
        ("heading", "一、评价范围"),
        ("paragraph", "全部国家级经济技术开发区。"),
        ("paragraph", "商务部外资司"),  # the signature: not a heading, and kept
        ("paragraph", "2020年5月12日"),
    ]


@pytest.mark.django_db
def test_a_table_layout_page_whose_title_tag_names_only_the_site(news_index, settings):
    settings.LEGACY_IMPORT_COLUMN = "往期资讯"
    result = run(TABLE_LAYOUT)
    assert not result.failed, result.err
    article = imported("开发区召开安全生产工作会议")
    assert article.authors == "张三"
    assert article.publish_time == at(2019, 12, 5, 15, 30)
    assert PageViewCount.for_page(article) == 1234  # "点击数：[1,234]"
    assert article.get_parent().title == "往期资讯"  # no breadcrumb
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "paragraph",
        "image",
        "paragraph",
    ]
    assert article.body[2].value["image"].title == "开发区召开安全生产工作会议"  # no caption
    for chrome in ["网站首页", "作者", "点击数", "地址", "电话"]:
        assert chrome not in body_text(article), chrome


@pytest.mark.django_db
def test_old_urls_redirect_permanently_to_the_new_page(news_index, client):
    run(SEED, "--redirect-from", "http://www.cadz.org.cn/news/show.asp?id=88&classid=7")
    run(HTML_ARTICLE)
    run(GBK_ARTICLE)
    expected = {
        "/news/show.asp?classid=7&id=88": SEED_TITLE,  # query parameters in any order
        "/news/show.asp?id=1024&classid=7": "青岛西海岸新区：项目建设跑出加速度",  # saved from
        "/html/2020/03/09/7788.html": "广西钦州保税港区开行首趟中欧班列",  # canonical
    }
    for old, title in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == imported(title).url


@pytest.mark.django_db
def test_redirect_from_a_path_of_the_old_site(news_index, client):
    run(SEED, "--redirect-from", "/news/html/88.html")
    response = client.get("/news/html/88.html")
    assert response.status_code == 301 and response["Location"] == imported(SEED_TITLE).url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        ((SEED, HTML_ARTICLE, "--redirect-from", "http://old.example/a.html"), "exactly one file"),
        ((SEED, "--redirect-from", "old.example/a.html"), "http(s) URL or a path"),
        ((DATA / "mirror" / "uploads",), "No article files"),
    ],
)
def test_wrong_options_are_refused_before_anything_is_written(news_index, args, message):
    assert message in run(*args).failed
    assert NewsPage.objects.count() == 0


@pytest.mark.django_db
def test_a_page_from_a_site_mirror(news_index, client):
    """A wget-style mirror: the old URL from --base-url, pictures under the mirror's root,
    the facts in <meta> tags, a Bootstrap breadcrumb and the title only in <title>."""
    result = run(DATA / "mirror", "--base-url", "http://www.example.gov.cn/")
    assert not result.failed, result.err
    assert "图片未导入（找不到文件）：/uploads/2021/0506/missing.jpg" in result.out
    article = imported("杭州经开区发布支持先进制造业发展十条措施")
    assert article.source == "杭州经济技术开发区"
    assert article.publish_time == at(2021, 5, 6, 9, 30)
    assert not PageViewCount.objects.filter(page=article).exists()  # the count was never shown
    assert article.get_parent().title == "国家级开发区动态"
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "image",
        "paragraph",
        "heading",
        "paragraph",
    ]
    picture = article.body[1].value
    assert picture["caption"] == picture["image"].title == "杭州经开区先进制造业园区"
    assert (picture["image"].width, picture["image"].height) == (200, 150)
    assert blocks(article)[2] == ("heading", "一、加大研发投入支持")
    for chrome in ["浏览", "分享到", "热门文章", "版权所有", "ICP", "首页"]:
        assert chrome not in body_text(article), chrome

    response = client.get("/news/2021/0506/123.shtml")
    assert response.status_code == 301 and response["Location"] == article.url


@pytest.mark.django_db
def test_running_again_updates_instead_of_duplicating(news_index, tmp_path):
    folder = tmp_path / "old-site"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("broken", "mirror"))
    first = run(folder)
    assert not first.failed, first.err
    assert f"{len(GOOD_FILES)} created" in first.out
    before = snapshot()
    assert before["articles"] == len(GOOD_FILES) and before["images"] == 2

    again = run(folder)
    assert f"0 created, 0 updated, {len(GOOD_FILES)} skipped, 0 failed" in again.out
    assert snapshot() == before

    # The old site changed: corrected text and a higher count update the same pages.
    seed = folder / "seed_capture.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8")
        .replace("点击量:395", "点击量:401")
        .replace("两手抓,", "两手抓，并"),
        encoding="utf-8",
    )
    html_file = folder / "html_article" / "article.html"
    html_file.write_text(
        html_file.read_text(encoding="utf-8").replace("王建国", "王建国 刘洋"), encoding="utf-8"
    )
    third = run(folder)
    assert f"0 created, 2 updated, {len(GOOD_FILES) - 2} skipped, 0 failed" in third.out
    after = snapshot()
    assert after["revisions"] == before["revisions"] + 2
    assert {key: value for key, value in after.items() if key not in {"revisions", "views"}} == {
        key: value for key, value in before.items() if key not in {"revisions", "views"}
    }
    article = imported(SEED_TITLE)
    assert PageViewCount.for_page(article) == 401
    assert body_text(article).startswith("经开区坚持疫情防控和复工复产两手抓，并以超常规思维")
    assert imported("青岛西海岸新区：项目建设跑出加速度").authors == "王建国 刘洋"
    assert article.first_published_at == at(2020, 3, 19, 10, 38)


@pytest.mark.django_db
def test_views_counted_on_the_new_site_are_kept_on_reimport(news_index, tmp_path):
    run(SEED)
    article = imported(SEED_TITLE)
    PageViewCount.objects.filter(page=article).update(count=500)
    seed = tmp_path / "seed.txt"
    seed.write_text(
        SEED.read_text(encoding="utf-8").replace("精准施策,助力复工", "精准施策,助力复产")
    )
    assert "1 updated" in run(seed).out
    assert PageViewCount.for_page(article) == 500
    assert "精准施策，助力复产" in body_text(imported(SEED_TITLE))


@pytest.mark.django_db
def test_a_broken_file_among_good_ones(news_index, tmp_path):
    folder = tmp_path / "old-site"
    shutil.copytree(DATA / "broken", folder / "broken")
    for path in (SEED, GBK_ARTICLE):
        shutil.copy(path, folder)
    (folder / "broken" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    result = run(folder)
    assert result.failed == "3 of 5 files failed to import."
    assert "2 created, 0 updated, 0 skipped, 3 failed" in result.out
    assert "no_date.txt: 找不到发布时间" in result.err
    assert "link_list.html: 找不到正文" in result.err
    assert "photo.txt: 不是文本或 HTML 文件" in result.err
    assert sorted(NewsPage.objects.values_list("title", flat=True)) == sorted(
        [SEED_TITLE, "广西钦州保税港区开行首趟中欧班列"]
    )


@pytest.mark.django_db
def test_a_file_that_fails_while_writing_leaves_nothing_behind(news_index, monkeypatch):
    def fail(*args):
        raise DatabaseError("disk full")

    monkeypatch.setattr(importer, "record_source", fail)
    media = Path(get_image_model()._meta.get_field("file").storage.location)
    files_before = sorted(media.rglob("*.png"))
    result = run(HTML_ARTICLE)
    assert result.failed and "article.html: disk full" in result.err
    assert NewsPage.objects.count() == 0 and NewsCategoryPage.objects.count() == 0
    assert get_image_model().objects.count() == 0 and Redirect.objects.count() == 0
    assert sorted(media.rglob("*.png")) == files_before


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_reports(news_index):
    media = Path(get_image_model()._meta.get_field("file").storage.location)
    files_before = sorted(media.rglob("*"))
    before = snapshot()
    result = run(*GOOD_FILES, "--dry-run")
    assert not result.failed, result.err
    assert snapshot() == before
    assert sorted(media.rglob("*")) == files_before
    assert f"Dry run, nothing written: {len(GOOD_FILES)} files: {len(GOOD_FILES)} created" in (
        result.out
    )
    assert "资讯中心 / 省级开发区动态 (new page)" in result.out


@pytest.mark.django_db
def test_dry_run_of_a_changed_file_reports_an_update_and_changes_nothing(news_index, tmp_path):
    run(SEED)
    seed = tmp_path / "seed.txt"
    seed.write_text(
        SEED.read_text(encoding="utf-8").replace("点击量:395", "点击量:999"), encoding="utf-8"
    )
    before = snapshot()
    result = run(seed, "--dry-run")
    assert "0 created, 1 updated, 0 skipped, 0 failed" in result.out
    assert snapshot() == before and PageViewCount.for_page(imported(SEED_TITLE)) == 395


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020-3-9", at(2020, 3, 9, 0, 0)),
        ("2020/03/09", at(2020, 3, 9, 0, 0)),
        ("2020.03.09 8:05", at(2020, 3, 9, 8, 5)),
        ("2020年3月9日", at(2020, 3, 9, 0, 0)),
        ("发布时间：2020年03月19日 10:38", at(2020, 3, 19, 10, 38)),
        ("2020-03-19 10:38:45", at(2020, 3, 19, 10, 38, 45)),
        ("2020年3月19日10时38分", at(2020, 3, 19, 10, 38)),
        ("2020-13-45", None),
        ("点击量：395", None),
    ],
)
def test_dates_as_old_sites_write_them(text, expected):
    assert find_datetime(text) == expected


@pytest.mark.parametrize(
    "crumbs",
    [
        "首页> 资讯中心 省级开发区动态",
        "首页 > 资讯中心 > 省级开发区动态 > 正文",
        "网站首页 » 资讯中心 » 省级开发区动态",
        "首页 / 资讯中心 / 省级开发区动态",
        "首页 - 资讯中心 - 省级开发区动态",
        "首页 >> 资讯中心 >> 省级开发区动态 >> 重庆双桥经济开发区…",
    ],
)
def test_breadcrumbs_with_any_separator(crumbs):
    assert split_crumbs(crumbs, SEED_TITLE) == ["资讯中心", "省级开发区动态"]


@pytest.mark.parametrize(
    "flat, restored",
    [
        ("开发区:“保姆式”", "开发区：“保姆式”"),
        ("两手抓,以超常规", "两手抓，以超常规"),
        ("贝卡尔特(重庆)钢帘线", "贝卡尔特（重庆）钢帘线"),
        ("是否充足?”", "是否充足？”"),
        ("增长(15%),高于", "增长（15%），高于"),
        ("10:38 点击量:1,208", "10:38 点击量：1,208"),
        ("COVID-19 (2020)", "COVID-19 (2020)"),
    ],
)
def test_flattened_punctuation_becomes_full_width(flat, restored):
    assert full_width(flat) == restored


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            [
                "来源：重庆双桥经济开发区 罗传莹 邹玉红 "
                "发布时间：2020年03月19日 10:38 点击量：395 字体： 分享："
            ],
            ("重庆双桥经济开发区", ["罗传莹", "邹玉红"], "", at(2020, 3, 19, 10, 38), 395),
        ),
        (
            ["发布时间：2020-03-03 录入：王芳"],
            ("", [], "王芳", at(2020, 3, 3, 0, 0), None),
        ),
        (
            ["来源:商务部", "2020-04-09"],
            ("商务部", [], "", at(2020, 4, 9, 0, 0), None),
        ),
        (
            [
                "【来源：人民网】【作者：张三、李四】【录入：admin】【责任编辑：王五】【打印】【关闭】"
            ],
            ("人民网", ["张三", "李四"], "王五", None, None),
        ),
        (
            ["2020-04-09 10:00\u3000来源：新华网\u3000浏览次数：1,024"],
            ("新华网", [], "", at(2020, 4, 9, 10, 0), 1024),
        ),
        (
            ["文章来源：经开区管委会 记者 张明 通讯员 李华", "（编辑：赵六）"],
            ("经开区管委会", ["张明", "李华"], "赵六", None, None),
        ),
    ],
)
def test_meta_lines_as_old_sites_write_them(lines, expected):
    meta = Meta()
    for line in lines:
        meta.read(line)
    assert (meta.source, meta.authors, meta.editor, meta.publish_time, meta.views) == expected

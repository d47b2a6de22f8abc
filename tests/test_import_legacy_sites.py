"""Whole old sites: the template a site prints on every page is learnt from its pages and left
out, whatever words it uses; a page alone falls back on where the article's prose is."""

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.legacy.html_page import HtmlPage
from news.legacy.images import ImageFinder
from news.legacy.template import SiteTemplate
from news.models import NewsPage
from tests.test_import_legacy import at, blocks, run

SITES = Path(__file__).parent / "data" / "legacy_sites"
LAYOUTS = ["gov_table", "dedecms", "phpcms", "empirecms", "handmade"]
# Lines of each site's chrome that no rule knows: only the template gives them away.
OWN_CHROME = {
    "gov_table": "我要纠错 | 政务服务好差评",
    "dedecms": "更多精彩内容请关注长沙经开区官方微信“星沙经开”",
    "phpcms": "（本文转载须经成都高新区门户授权）",
    "empirecms": "【温馨提示：开发区政务服务大厅周六照常办公】",
    "handmade": "欢迎转载，转载请注明来自某某县工业园区网站",
}
# What every site's pages print around the article: menus, 当前位置, share bars,
# buttons, footers with 主办/承办, contact and copyright lines.
CHROME_WORDS = [
    "首页",
    "主页",
    "位置",
    "分享",
    "打印",
    "关闭窗口",
    "收藏",
    "上一篇",
    "下一篇",
    "相关阅读",
    "相关信息",
    "推荐内容",
    "推荐｜",
    "主办",
    "承办",
    "电话",
    "热线",
    "地址",
    "版权",
    "Copyright",
    "Powered",
    "ICP",
    "公网安备",
    "网站标识码",
    "法律顾问",
    "关于我们",
    "联系我们",
    "网站地图",
    "推广",
    "评论",
    "访客",
    "分隔线",
]


def expected(site):
    return json.loads((SITES / site / "expected.json").read_text(encoding="utf-8"))


def paragraphs(page):
    return [text for kind, text in blocks(page) if kind == "paragraph"]


def assert_no_chrome(text):
    for word in CHROME_WORDS:
        assert word not in text, word


@pytest.mark.django_db
@pytest.mark.parametrize("site", LAYOUTS)
def test_a_folder_of_one_site_imports_each_article_whole_and_nothing_else(news_index, site):
    result = run(SITES / site, "--verbose")
    assert not result.failed, result.err
    pages = expected(site)
    assert f"{len(pages)} created" in result.out
    for article in pages.values():
        page = NewsPage.objects.get(title=article["title"])
        assert paragraphs(page) == article["paragraphs"]
        assert page.source == article["source"]
        assert page.publish_time.replace(second=0) == at(
            *map(int, article["publish_time"].replace(":", " ").replace("-", " ").split())
        )
        assert_no_chrome("\n".join(paragraphs(page)))
    # --verbose says what was left out and why.
    assert f"未导入 本站 {len(pages)}/{len(pages)} 个页面都有：{OWN_CHROME[site]}" in result.out


@pytest.mark.django_db
@pytest.mark.parametrize("site", LAYOUTS)
def test_a_page_alone_keeps_its_article_whole_without_the_footer_and_menus(
    news_index, tmp_path, site
):
    name, article = next(iter(expected(site).items()))
    alone = tmp_path / Path(name).name
    shutil.copy(SITES / site / name, alone)
    result = run(alone)
    assert not result.failed, result.err
    kept = paragraphs(NewsPage.objects.get(title=article["title"]))
    # Every paragraph, whole and in order; at most the site's own unknown line besides.
    assert [text for text in kept if text != OWN_CHROME[site]] == article["paragraphs"]
    assert_no_chrome("\n".join(kept))


@pytest.mark.django_db
def test_a_page_whose_footer_shares_the_articles_cell(news_index):
    """One table cell holds the breadcrumb, the article, the share bar and the footer; the
    date sits beside a 推广 label. --verbose says what was left out and why."""
    result = run(SITES / "single" / "one_cell.html", "--verbose")
    assert not result.failed, result.err
    page = NewsPage.objects.get(title="郑州航空港区举办跨境电商发展论坛")
    assert page.publish_time == at(2022, 8, 16, 10, 30)
    assert page.get_parent().title == "港区新闻"
    assert paragraphs(page) == [
        "8月15日，郑州航空港区跨境电商发展论坛在港区会展中心举行，来自全国的二百余家企业代表参会。",
        "论坛围绕跨境电商物流、海外仓建设、品牌出海等议题展开交流，多家企业现场签订合作协议。",
        "港区有关负责人表示，将继续完善跨境电商综合服务体系，打造内陆地区对外开放高地。",
    ]
    for line in [
        "网站栏目、按钮或小工具：分享到：微信 微博 QQ空间",
        "几乎全是链接（导航）：【打印本页】【关闭窗口】",
        "几乎全是链接（导航）：关于我们|联系我们|网站地图|法律声明",
        "页脚（主办、版权、联系方式）：主办：郑州航空港经济综合实验区管委会 承办：港区党政办公室",
        "页脚（主办、版权、联系方式）：联系电话：0371-86198000 电子邮箱：gkq@example.gov.cn",
        "页脚（主办、版权、联系方式）：法律顾问：河南某某律师事务所",
        "页脚（主办、版权、联系方式）：版权所有 郑州航空港经济综合实验区 豫ICP备13001234号",
    ]:
        assert f"未导入 {line}" in result.out, line


@pytest.mark.django_db
def test_documents_linked_from_a_saved_page_become_attachments(news_index, tmp_path):
    page = (SITES / "phpcms" / "show-6-21-1.html").read_text(encoding="utf-8")
    links = (
        '<p>附件：<a href="files/jobs.pdf">项目清单</a></p>'
        '<p><a href="files/fake.pdf">申报表</a></p><p><a href="files/gone.docx">通知全文</a></p>'
    )
    saved = tmp_path / "show.html"
    saved.write_text(page.replace("</p>\n<p style", f"</p>{links}\n<p style", 1), "utf-8")
    (tmp_path / "files").mkdir()
    shutil.copy(SITES.parent / "legacy_crawl" / "jobs.pdf", tmp_path / "files")
    (tmp_path / "files" / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    result = run(saved)
    assert not result.failed, result.err
    article = NewsPage.objects.get(title="成都高新区一批重大项目集中开工")
    attachments = [block.value for block in article.body if block.block_type == "attachment"]
    assert [value["title"] for value in attachments] == ["项目清单"]
    assert attachments[0]["document"].file.read().startswith(b"%PDF-")
    assert "附件未导入（附件“fake.pdf”的内容不是有效的 PDF 文件" in result.out
    assert "附件未导入（找不到文件）：files/gone.docx" in result.out
    # A file that could not be had stays as its text.
    assert "申报表" in paragraphs(article) and "通知全文" in paragraphs(article)
    assert "附件：" not in "".join(paragraphs(article))


PAGE = """<html><head><meta charset="utf-8"><title>{title}_新闻中心_某某开发区</title></head>
<body><div class="top">欢迎光临某某开发区网站 今天是{n}号</div>
<ul class="menu"><li><a href="/">网站首页</a></li><li><a href="/news/">新闻中心</a></li></ul>
<div class="where">所在栏目：<a href="/news/">新闻中心</a></div>
<h1>{title}</h1><div class="meta">日期：2021-03-{day:02d} 作者：管理员</div>
<div class="text">{body}<p>本网编辑部　敬请留意区内活动安排</p></div>
<div class="bottom"><p>某某开发区门户　晋备00000{n}号</p><p>本站总机 0351-1234567</p></div>
</body></html>"""

sentence = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=8, max_size=30
).map(lambda text: text[: len(text) // 2] + "，" + text[len(text) // 2 :] + "。")
article = st.lists(sentence, min_size=1, max_size=4, unique=True)  # articles may share some


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(articles=st.lists(article, min_size=2, max_size=4, unique_by=tuple))
def test_whatever_the_articles_say_the_template_is_learnt_and_left_out(tmp_path, articles):
    pages = [
        PAGE.format(
            title=f"开发区新闻第{n}篇",
            n=n,
            day=n + 1,  # the days differ, so only digits tell the meta lines apart
            body="".join(f"<p>{text}</p>" for text in paragraphs_),
        )
        for n, paragraphs_ in enumerate(articles)
    ]
    template = SiteTemplate.learn(pages)
    for day, (content, paragraphs_) in enumerate(zip(pages, articles, strict=True), start=1):
        page = HtmlPage(content)
        title, meta, crumbs, body = page.parse(ImageFinder(tmp_path, tmp_path), template)
        # Every sentence stays, even one that other articles share; the site's line goes.
        assert [value for _, value in body] == paragraphs_
        assert meta.publish_time == at(2021, 3, day, 0, 0)
        assert f"本站 {len(pages)}/{len(pages)} 个页面都有：本网编辑部 敬请留意区内活动安排" in (
            page.dropped
        )

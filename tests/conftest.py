import datetime
import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import setup_databases, teardown_databases
from pytest_django.live_server_helper import LiveServer
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site
from wagtail_factories import ImageFactory

from association.models import MessageBoardPage
from news.models import NewsCategoryPage, NewsPage, NoticePage, PageViewCount, TopicPage
from news.roles import setup_roles
from portal.caching import generation as page_cache
from portal.caching.breaker import breaker
from portal.core import segmentation
from portal.site.demo.images import demo_document, demo_image
from portal.site.models import HomePage
from tests import factories
from tests.fake_wechat import fake_wechat  # noqa: F401  (fixture for the WeChat tests)
from tests.page_builds import build_pages_afresh
from tests.search_paths import search_path  # noqa: F401  (fixture: SEARCH_PATHS)
from zones.models import ZonePage

# Playwright's sync API runs an event loop in the test thread; the live server's
# database work in that thread is still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
SKIP_BROWSER = (
    f"browser tests skipped: no Chromium at {CHROMIUM} "
    "(install the Debian packages chromium and fonts-noto-cjk)"
)


def pytest_report_header(config):
    return f"chromium: {CHROMIUM}" if HAVE_CHROMIUM else SKIP_BROWSER


def pytest_collection_modifyitems(config, items):
    # The demo site is built once per test process and stays in its database: the tests
    # that read it come last, so no other test starts from it (under pytest-xdist each
    # worker receives its tests in this order too).
    items.sort(key=lambda item: "demo_site" in getattr(item, "fixturenames", ()))
    for item in items:
        if "demo_site" in getattr(item, "fixturenames", ()) and empties_the_database(item):
            raise pytest.UsageError(f"{item.nodeid} would empty the shared demo site")
    browser_items = [item for item in items if "tests/browser/" in str(item.path)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if HAVE_CHROMIUM or not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but {SKIP_BROWSER}")
    skip = pytest.mark.skip(reason=SKIP_BROWSER)
    for item in browser_items:
        item.add_marker(skip)


def empties_the_database(item):
    """Whether pytest-django empties the database after this test (a transactional one)."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    fixtures = item.fixturenames
    return bool(transactional) or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # Quiet Chromium's own network calls: this machine reaches no outside host.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def clear_caches():
    breaker.reset()  # a test of a Redis outage leaves no open breaker behind
    for alias in ("default", "tags"):
        caches[alias].clear()
    page_cache.local.forget()
    # The segmenter re-reads the user dictionary at most once a second: a word the last
    # test added (and rolled back) must not cut this test's text.
    segmentation.dictionary_changed()


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_caches()
    yield
    clear_caches()


def tree_root():
    """The page tree's root, with the locale and the root collection pages and images need.
    Transactional tests flush the tables, taking the migrations' root page and locale."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("zh-hans"))
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture(scope="session")
def demo_site(request, django_db_setup, django_db_blocker):
    """The demo site of `load_demo`, built once per test process and committed, for tests
    that only read it (they are run last: see pytest_collection_modifyitems). Returns an
    address of every kind of public page."""
    with django_db_blocker.unblock():
        if "wagtailcore_page" not in connection.introspection.table_names():
            # pytest-django sets up the test database only when a collected test asks
            # for it by its own fixtures; browser tests of the demo alone do not.
            databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})

            def destroy():
                with django_db_blocker.unblock():
                    teardown_databases(databases, verbosity=0)

            request.addfinalizer(destroy)
        tree_root()
        call_command("load_demo", "--no-admin", verbosity=0)
        article = NewsPage.objects.live().exclude(tags=None).first()
        return {
            "首页": "/",
            "栏目": NewsCategoryPage.objects.live().first().url,
            "文章": article.url,
            "标签": article.tag_url(article.tags.first()),
            "专题": TopicPage.objects.live().first().url,
            "通知公告": NoticePage.objects.live().first().url,
            "开发区目录": "/zones/",
            "开发区介绍": ZonePage.objects.live().first().url,
            "搜索": "/search/?q=开发区",
            "投稿": "/submit/",
            "留言": MessageBoardPage.objects.live().first().url,
            "404": "/no-such-page/",
        }


@pytest.fixture(scope="session")
def demo_live_server(demo_site):
    server = LiveServer("localhost:0")
    yield server
    server.stop()


@pytest.fixture
def demo_server(demo_live_server, django_db_blocker):
    """A live server of the demo site for browser tests, shared by all of them: unlike
    pytest-django's `live_server` it never empties the database after a test. The test
    may read and write the demo site's rows (and must put back what it changes)."""
    with django_db_blocker.unblock():  # the server's thread and the test's own queries
        yield demo_live_server


@pytest.fixture
def home(db):
    """The site's home page, replacing Wagtail's welcome page as the default site root."""
    home = factories.HomePageFactory(parent=tree_root(), slug="shouye")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "中国开发区协会",
        },
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def news_index(home):
    return factories.NewsIndexPageFactory(parent=home, show_in_menus=True)


@pytest.fixture
def column(news_index):
    return factories.NewsCategoryPageFactory(
        parent=news_index, title="省级开发区动态", slug="provincial-zones", show_in_menus=True
    )


@pytest.fixture
def seed_article(column):
    """The article of the captured page of the old site (shared/reference), with its
    source, authors, time and 点击量 as they were there, and a cover picture."""
    page = factories.NewsPageFactory(
        parent=column,
        title="重庆双桥经济开发区：“保姆式”贴心服务 助推经济高速发展",
        source="重庆双桥经济开发区",
        authors="罗传莹 邹玉红",
        publish_time=datetime.datetime(2020, 3, 19, 10, 38, tzinfo=factories.SHANGHAI),
        summary="经开区坚持疫情防控和复工复产两手抓。",
        cover_image=ImageFactory(title="封面"),
    )
    PageViewCount.objects.create(page=page, count=395)
    return page


@pytest.fixture
def editorial_roles(column):
    """The groups 编辑 and 投稿人 with their permissions, and the 编辑审核 workflow."""
    setup_roles()


def member_of(group, username, password):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=password
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(editorial_roles):
    return member_of("编辑", "bianji", "pw-editor")


@pytest.fixture
def contributor(editorial_roles):
    return member_of("投稿人", "tougao", "pw-contributor")


@pytest.fixture
def open_column(column):
    """The column, open to 投稿."""
    column.accepts_submissions = True
    column.save_revision().publish()
    return column


@pytest.fixture
def submit_page(home, open_column, editorial_roles):
    return factories.SubmissionPageFactory(parent=home)


@pytest.fixture
def every_page_type(home):
    """A small live site with a page of every public type (issue 11's hostile-input and
    CSP tests walk it). Returns the page URLs and the other public URLs."""
    news = factories.NewsIndexPageFactory(parent=home, show_in_menus=True)
    column = factories.NewsCategoryPageFactory(parent=news, title="协会动态", show_in_menus=True)
    article = factories.NewsPageFactory(
        parent=column,
        title="开发区高质量发展",
        body=[
            ("heading", "主要做法"),
            ("paragraph", "<p>统筹推进<b>疫情防控</b>和经济社会发展。</p>"),
            ("image", {"image": demo_image("示例图片"), "caption": "园区一角"}),
            ("table", {"data": [["指标", "数值"], ["企业", "120"]]}),
            ("attachment", {"document": demo_document("示例附件"), "title": "附件"}),
        ],
    )
    article.tags.add("营商环境")
    article.save_revision().publish()
    topics = factories.TopicIndexPageFactory(parent=news)
    factories.TopicPageFactory(parent=topics)
    notices = factories.NoticeIndexPageFactory(parent=home, show_in_menus=True)
    factories.NoticePageFactory(parent=notices)
    zones = factories.ZoneIndexPageFactory(parent=home, show_in_menus=True)
    factories.ZonePageFactory(parent=zones)
    about = factories.AboutPageFactory(parent=home, show_in_menus=True)
    factories.AboutPageFactory(parent=about, title="联系我们")
    services = factories.ServiceIndexPageFactory(parent=home)
    factories.ServicePageFactory(parent=services)
    magazine = factories.MagazineIndexPageFactory(parent=home)
    factories.MagazineIssuePageFactory(parent=magazine)
    factories.SubmissionPageFactory(parent=home)
    factories.MessageBoardPageFactory(parent=home)

    pages = [page.url for page in Page.objects.live().specific().order_by("path") if page.url]
    others = [
        news.url + "rss/",
        column.url + "rss/",
        news.url + "tags/ying-shang-huan-jing/",
        "/search/",
        "/sitemap.xml",
        "/robots.txt",
        f"/hits/{article.pk}/",
    ]
    return {"pages": pages, "urls": pages + others, "article": article}


@pytest.fixture
def pages_built_afresh(monkeypatch):
    """For query counts: no page's main block, route or privacy lookup comes from the cache."""
    build_pages_afresh(monkeypatch)

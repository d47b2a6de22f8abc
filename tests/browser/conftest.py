"""The demo site, for browser tests that visit every kind of page."""

import pytest
from django.core.management import call_command

from association.models import MessageBoardPage
from news.models import NewsCategoryPage, NewsPage, NoticePage, TopicPage
from zones.models import ZonePage


@pytest.fixture
def demo_urls(live_server, home):
    """One address of every kind of public page, from the demo content."""
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

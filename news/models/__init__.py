"""The models of news: the news tree (资讯中心, columns, articles, topics), notices, 投稿,
view counts and where imported articles came from."""

from news.models.hits import PageViewCount
from news.models.legacy import LegacySource, LegacyURL
from news.models.notices import NoticeAttachment, NoticeIndexPage, NoticePage
from news.models.pages import (
    NEWEST_FIRST,
    NewsCategoryPage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    TopicIndexPage,
    TopicPage,
    for_cards,
    with_latest_articles,
)
from news.models.submissions import Submission, SubmissionPage

__all__ = [
    "NEWEST_FIRST",
    "LegacySource",
    "LegacyURL",
    "NewsCategoryPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NoticeAttachment",
    "NoticeIndexPage",
    "NoticePage",
    "PageViewCount",
    "Submission",
    "SubmissionPage",
    "TopicIndexPage",
    "TopicPage",
    "for_cards",
    "with_latest_articles",
]

"""Wagtail: the admin, search, and the integrations editors configure (legacy import,
WeChat)."""

from portal.settings.base import SITE_URL
from portal.settings.environment import env

WAGTAIL_SITE_NAME = env("SITE_NAME", "中国开发区协会")
# The admin's address in e-mails (moderation, password reset): the site's own by default.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside resources: Gravatar is slow or blocked in China
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "portal/password_required.html"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Search: the database backend by default ("simple" keeps PostgreSQL from
# stemming the pre-segmented Chinese words); SEARCH_URL switches to
# Elasticsearch/OpenSearch (README: analyzer for Chinese).
SEARCH_URL = env("SEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            "INDEX": env("SEARCH_INDEX", "portal"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "portal.site.search.backend", "SEARCH_CONFIG": "simple"}
    }
# Days of search-log hits kept by `searchpromotions_garbage_collect` (scheduled weekly,
# README: Operations), and so the window of the search page's popular queries.
WAGTAILSEARCH_HITS_MAX_AGE = 90
# Legacy import: the column for old articles whose page shows no breadcrumb.
LEGACY_IMPORT_COLUMN = env("LEGACY_IMPORT_COLUMN", "往期资讯")
# `import_legacy --crawl`: a page, picture or file bigger than this is reported, not read.
LEGACY_CRAWL_MAX_BYTES = 10_000_000
# WeChat JS-SDK share card: the official account's AppID is a site setting; its
# AppSecret is a credential and lives only in the environment.
WECHAT_APP_SECRET = env("WECHAT_APP_SECRET", "")
WECHAT_API_BASE = env("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_API_TIMEOUT = float(env("WECHAT_API_TIMEOUT", "5"))
# One e-mail per event to each reviewer: Wagtail would also write to every superuser,
# a second time (and with the workflow's subject) to superusers who review.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# The dashboard would ask wagtail.org for new releases: nothing is loaded from outside.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors all work in China's time: the account page offers Asia/Shanghai, not 600 zones.
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]

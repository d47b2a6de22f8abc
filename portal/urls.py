from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from news.views import hit_view
from portal.core import downloads
from portal.security import media
from portal.security.accounts import LimitedPasswordResetView
from portal.site import seo, share, wechat
from portal.site.search import views as search_views

urlpatterns = [
    path("hits/<int:page_id>/", hit_view, name="hit"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path(
        "sitemap-<str:section>.xml",
        seo.sitemap_section,
        {"sitemaps": seo.SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", seo.robots_txt, name="robots"),
    path("favicon.ico", seo.favicon, name="favicon"),
    # Before Wagtail's own view of the same address: limited per address and account.
    path(
        "admin/password_reset/",
        LimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view with both file names (portal/core/downloads.py); Wagtail's
    # own URLs stay below it for reversing.
    re_path(r"^documents/(\d+)/(.*)$", downloads.serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("qr/<int:page_id>.svg", share.page_qr, name="page-qr"),
    path("wechat/share/<int:page_id>/", wechat.share_config, name="wechat-share"),
]

if settings.SERVE_MEDIA:
    # Static files come from whitenoise; uploads only through the hardened view.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$",
            media.serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "portal.site.views.server_error"

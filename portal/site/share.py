"""分享: the page's QR code (made here, never by an outside service) and share links."""

import io
from urllib.parse import urlencode

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from portal.caching.pagecache import kept_for_readers

WEIBO = "https://service.weibo.com/share/share.php"
QQ = "https://connect.qq.com/widget/shareqq/index.html"
QZONE = "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey"


def shareable_page(page_id):
    return get_object_or_404(Page.objects.live().public(), pk=page_id)


def summary(page):
    return getattr(page, "summary", "") or page.search_description


def share_context(request, page):
    url = page.get_full_url(request)
    text = {"url": url, "title": page.title}
    return {
        "page": page,
        "url": url,
        "weibo_url": f"{WEIBO}?{urlencode(text)}",
        "qq_url": f"{QQ}?{urlencode({**text, 'summary': summary(page)})}",
        "qzone_url": f"{QZONE}?{urlencode({**text, 'summary': summary(page)})}",
    }


@require_safe
@kept_for_readers()
@cache_control(public=True, max_age=3600)
def page_qr(request, page_id):
    """An SVG QR code of the live page's canonical URL, for scanning with WeChat."""
    url = shareable_page(page_id).get_full_url(request)
    if not url:
        raise Http404("页面不在任何站点下")
    svg = io.BytesIO()
    qr = segno.make(url, error="m")
    qr.save(svg, kind="svg", border=4, light="#fff", omitsize=True, title="本页二维码")
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")

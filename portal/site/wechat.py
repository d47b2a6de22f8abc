"""WeChat JS-SDK share card: the signature is computed here, the jsapi ticket is cached.

Inside WeChat's browser the share script asks `share_config` for a signed
configuration of the page it is on, then sets the card's title, summary and cover.
It works only when the site settings carry the official account's AppID and the
environment its AppSecret (WECHAT_APP_SECRET); otherwise the endpoint says so and
nothing else changes.
"""

import hashlib
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Site

from portal.core.address import absolute
from portal.site.navigation import site_settings_for
from portal.site.share import shareable_page, summary

logger = logging.getLogger(__name__)

# Refresh a token or ticket this many seconds before WeChat says it expires.
EXPIRY_MARGIN = 300
LOCK_SECONDS = 10


class WeChatError(Exception):
    pass


def signature(jsapi_ticket, noncestr, timestamp, url):
    """The JS-SDK signature: SHA-1 of the four fields in this order, as WeChat specifies."""
    text = f"jsapi_ticket={jsapi_ticket}&noncestr={noncestr}&timestamp={timestamp}&url={url}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def call_api(path, params):
    url = f"{settings.WECHAT_API_BASE}{path}?{urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=settings.WECHAT_API_TIMEOUT) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise WeChatError(f"微信接口无法访问：{error}") from error
    if data.get("errcode"):
        raise WeChatError(f"微信接口返回错误 {data['errcode']}：{data.get('errmsg', '')}")
    return data


def cached_credential(key, fetch):
    """A token or ticket from the cache, or fetched once for every worker and host."""
    value = cache.get(key)
    if value:
        return value
    # One process fetches; the others wait briefly for its result rather than each
    # asking WeChat, whose daily quota is small and whose new token voids the old.
    if not cache.add(f"{key}:lock", 1, LOCK_SECONDS):
        for _ in range(LOCK_SECONDS * 10):
            time.sleep(0.1)
            value = cache.get(key)
            if value:
                return value
    try:
        value, expires_in = fetch()
        cache.set(key, value, max(int(expires_in) - EXPIRY_MARGIN, 60))
    finally:
        cache.delete(f"{key}:lock")
    return value


def access_token(app_id, secret):
    def fetch():
        data = call_api(
            "/cgi-bin/token",
            {"grant_type": "client_credential", "appid": app_id, "secret": secret},
        )
        return data["access_token"], data.get("expires_in", 7200)

    return cached_credential(f"wechat:access_token:{app_id}", fetch)


def jsapi_ticket(app_id, secret):
    def fetch():
        try:
            data = call_api(
                "/cgi-bin/ticket/getticket",
                {"access_token": access_token(app_id, secret), "type": "jsapi"},
            )
        except WeChatError:
            # Another client of the same account may have replaced the token: fetch anew.
            cache.delete(f"wechat:access_token:{app_id}")
            raise
        return data["ticket"], data.get("expires_in", 7200)

    return cached_credential(f"wechat:jsapi_ticket:{app_id}", fetch)


def page_url_to_sign(request):
    """The `url` parameter when it is a page of this host, without its #fragment."""
    url = request.GET.get("url", "")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.netloc != request.get_host():
        return None
    return urlunsplit(parts._replace(fragment=""))


def cover_url(request, page):
    image = getattr(page, "cover_image", None)
    if image is None:
        return ""
    # WeChat wants a small square thumbnail for the card.
    return absolute(image.get_rendition("fill-300x300|format-jpeg").url)


@require_safe
@never_cache
def share_config(request, page_id):
    """Signed JS-SDK configuration and share card for the live page `page_id`."""
    site = Site.find_for_request(request)
    app_id = site and site_settings_for(site).wechat_app_id
    if not (app_id and settings.WECHAT_APP_SECRET):
        return JsonResponse({"enabled": False, "error": "未配置公众号"}, status=404)
    page = shareable_page(page_id).specific
    url = page_url_to_sign(request)
    if url is None:
        return JsonResponse({"enabled": False, "error": "网址无效"}, status=400)
    try:
        ticket = jsapi_ticket(app_id, settings.WECHAT_APP_SECRET)
    except WeChatError as error:
        logger.warning("WeChat JS-SDK: %s", error)
        return JsonResponse({"enabled": False, "error": "微信接口暂不可用"}, status=503)
    nonce, timestamp = secrets.token_hex(8), int(time.time())
    return JsonResponse(
        {
            "enabled": True,
            "appId": app_id,
            "timestamp": timestamp,
            "nonceStr": nonce,
            "signature": signature(ticket, nonce, timestamp, url),
            "title": page.title,
            "desc": summary(page),
            "link": page.get_full_url(request),
            "imgUrl": cover_url(request, page),
        }
    )

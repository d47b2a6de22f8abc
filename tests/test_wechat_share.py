"""Sharing inside WeChat: the JS-SDK signature, the cached jsapi ticket and the share card.

WeChat's API is answered by the local stand-in in tests/fake_wechat.py (`fake_wechat`).
"""

import pytest
import wagtail_factories
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import Site

from portal.site import wechat
from portal.site.models import SiteSettings
from tests import factories
from tests.fake_wechat import APP_ID, TICKET


def test_signature_matches_wechats_published_example():
    # The example in WeChat's JS-SDK documentation (附录1-JS-SDK使用权限签名算法).
    assert (
        wechat.signature(
            TICKET, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value"
        )
        == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
    )


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(
        parent=column,
        title="重庆双桥经济开发区贴心服务",
        summary="经开区坚持疫情防控和复工复产两手抓。",
        cover_image=wagtail_factories.ImageFactory(),
    )


@pytest.fixture
def app_id(home):
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    settings.wechat_app_id = APP_ID
    settings.save()
    return APP_ID


def share_config(client, article, url=None):
    url = url or f"http://testserver{article.url}"
    return client.get(f"/wechat/share/{article.pk}/", {"url": url})


def test_share_card_is_signed_for_the_page_url(client, fake_wechat, app_id, article):
    page_url = f"http://testserver{article.url}?from=timeline#top"
    response = share_config(client, article, page_url)

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    card = response.json()
    assert card["appId"] == APP_ID and card["enabled"] is True
    signed_url = page_url.split("#")[0]
    assert card["signature"] == wechat.signature(
        TICKET, card["nonceStr"], card["timestamp"], signed_url
    )
    assert card["title"] == article.title
    assert card["desc"] == article.summary
    assert card["link"] == article.full_url
    assert card["imgUrl"].startswith("http://localhost/") and card["imgUrl"].endswith(".jpg")


def test_ticket_is_fetched_once_and_cached(client, fake_wechat, app_id, article):
    for _ in range(3):
        assert share_config(client, article).status_code == 200
    assert [path for path, _ in fake_wechat.calls] == [
        "/cgi-bin/token",
        "/cgi-bin/ticket/getticket",
    ]
    assert fake_wechat.calls[1][1]["access_token"] == "TOKEN1"

    cache.delete(f"wechat:jsapi_ticket:{APP_ID}")  # the ticket expired; the token did not
    assert share_config(client, article).status_code == 200
    assert [path for path, _ in fake_wechat.calls[2:]] == ["/cgi-bin/ticket/getticket"]


def test_wechat_errors_are_reported_and_nothing_is_cached(client, fake_wechat, app_id, article):
    fake_wechat.token_error = {"errcode": 40125, "errmsg": "invalid appsecret"}
    response = share_config(client, article)
    assert response.status_code == 503
    assert response.json() == {"enabled": False, "error": "微信接口暂不可用"}

    fake_wechat.token_error = None
    assert share_config(client, article).status_code == 200


def test_unreachable_wechat_gives_503(client, settings, app_id, article):
    settings.WECHAT_APP_SECRET = "s3cret"
    settings.WECHAT_API_BASE = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.WECHAT_API_TIMEOUT = 2
    assert share_config(client, article).status_code == 503


def test_without_app_id_or_secret_sharing_is_off(client, settings, home, article):
    settings.WECHAT_APP_SECRET = ""
    response = share_config(client, article)
    assert response.status_code == 404 and response.json()["enabled"] is False

    settings.WECHAT_APP_SECRET = "s3cret"
    assert share_config(client, article).status_code == 404  # no AppID in the site settings


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "http://evil.example/news/",
        "https://testserver.evil.example/",
        "not a url \x00",
    ],
)
def test_only_pages_of_this_host_are_signed(client, fake_wechat, app_id, article, url):
    response = client.get(f"/wechat/share/{article.pk}/", {"url": url})
    assert response.status_code == 400
    assert fake_wechat.calls == []


def test_drafts_are_not_shared(client, fake_wechat, app_id, column):
    draft = factories.NewsPageFactory(parent=column, live=False)
    assert share_config(client, draft).status_code == 404


def test_app_id_is_checked_in_the_admin_form():
    settings = SiteSettings(site=Site(), wechat_app_id="not-an-app-id")
    with pytest.raises(ValidationError, match="AppID"):
        settings.full_clean(exclude=["site"])

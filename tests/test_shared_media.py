"""Uploads shared by every app host: the local MEDIA_ROOT by default, an S3-compatible
bucket (django-storages) when MEDIA_S3_BUCKET is set. Nothing here reaches the network."""

from tests.helpers import load_settings

MEDIA = (
    "import json; from django.conf import settings as s; "
    "from django.core.files.storage import storages; d = storages['default']; "
    "print(json.dumps({'storage': type(d).__name__, 'bucket': getattr(d, 'bucket_name', None), "
    "'url': d.url('images/kai-fa-qu.width-800.jpg'), "
    "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
)
BUCKET = {
    "MEDIA_S3_BUCKET": "portal-media",
    "MEDIA_S3_ENDPOINT_URL": "https://oss-cn-beijing.aliyuncs.com",
    "MEDIA_S3_ACCESS_KEY_ID": "key-id",
    "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
}


def test_uploads_stay_in_media_root_by_default(tmp_path):
    media = load_settings(MEDIA, DEBUG="1", MEDIA_ROOT=str(tmp_path))
    assert media["storage"] == "FileSystemStorage"
    assert media["url"] == "/media/images/kai-fa-qu.width-800.jpg"
    assert media["img_src"] == ["'self'", "data:"]


def test_a_bucket_serves_uploads_at_lasting_urls_the_csp_allows():
    media = load_settings(MEDIA, DEBUG="1", **BUCKET)
    assert (media["storage"], media["bucket"]) == ("S3Storage", "portal-media")
    # Unsigned: a cached page must not carry a link that expires.
    assert media["url"].startswith("https://")
    assert media["url"].endswith("/images/kai-fa-qu.width-800.jpg")
    assert "Signature" not in media["url"] and "Expires" not in media["url"]
    assert "https://oss-cn-beijing.aliyuncs.com" in media["img_src"]


def test_a_bucket_behind_its_own_domain():
    media = load_settings(MEDIA, DEBUG="1", **BUCKET, MEDIA_S3_CUSTOM_DOMAIN="media.example.org.cn")
    assert media["url"] == "https://media.example.org.cn/images/kai-fa-qu.width-800.jpg"
    assert "https://media.example.org.cn" in media["img_src"]


def test_a_bucket_addressed_by_host_name_as_oss_and_cos_want():
    media = load_settings(MEDIA, DEBUG="1", **BUCKET, MEDIA_S3_ADDRESSING_STYLE="virtual")
    assert media["url"] == (
        "https://portal-media.oss-cn-beijing.aliyuncs.com/images/kai-fa-qu.width-800.jpg"
    )
    assert "https://portal-media.oss-cn-beijing.aliyuncs.com" in media["img_src"]

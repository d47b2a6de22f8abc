"""Static files, uploaded media (on disk or in an S3-compatible bucket), backups and the
limits and kinds of what editors and contributors upload."""

from portal.settings.base import DEBUG, PRODUCTION
from portal.settings.environment import BASE_DIR, env, env_bool

STATIC_URL = "/static/"
# Collected static files, in production only (elsewhere whitenoise reads the app folders).
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "staticfiles") if PRODUCTION else None)
STATICFILES_DIRS = [BASE_DIR / "static"]
# whitenoise serves static files. In production they are collected (`collectstatic`) with
# hashed names and gzip copies, and cached for a year; elsewhere they come straight from
# the app folders, so `make run` and the tests need no collectstatic. Each address is
# looked up in the manifest once per process (portal/caching/staticfiles.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "portal.caching.staticfiles.ManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))
# Where `manage.py backup` (make backup) writes its folders (portal/backup.py).
BACKUP_DIR = env("BACKUP_DIR", str(BASE_DIR / "backups"))
# Uploads (images, documents, 投稿 attachments) must be shared by every app host: a shared
# MEDIA_ROOT (NFS…), or an S3-compatible bucket (MinIO, 阿里云 OSS, 腾讯云 COS, AWS) through
# django-storages. The bucket serves images to readers, so its policy must make `images/`
# and `original_images/` public and everything else (documents/) private:
# documents still go out through Django's /documents/ view, which checks their privacy.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
MEDIA_ORIGIN = None  # where readers' browsers fetch images from, for the CSP; None: this site
if MEDIA_S3_BUCKET:
    _custom_domain = env("MEDIA_S3_CUSTOM_DOMAIN")  # e.g. media.example.org.cn (a CDN)
    _endpoint = env("MEDIA_S3_ENDPOINT_URL")  # e.g. https://oss-cn-beijing.aliyuncs.com
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": _endpoint,
            "region_name": env("MEDIA_S3_REGION"),
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY"),
            "custom_domain": _custom_domain,
            # `virtual` (bucket.endpoint-host) for 阿里云 OSS and 腾讯云 COS; path style otherwise.
            "addressing_style": env("MEDIA_S3_ADDRESSING_STYLE"),
            "location": env("MEDIA_S3_PREFIX", ""),
            # Plain, lasting URLs: pages are cached, so signed expiring links would break.
            "querystring_auth": False,
            "default_acl": None,  # the bucket policy decides what is public
            "file_overwrite": False,
        },
    }
    if _custom_domain:
        MEDIA_ORIGIN = f"https://{_custom_domain}"
    elif _endpoint and env("MEDIA_S3_ADDRESSING_STYLE") == "virtual":
        _scheme, _, _host = _endpoint.rstrip("/").partition("://")
        MEDIA_ORIGIN = f"{_scheme}://{MEDIA_S3_BUCKET}.{_host}"
    elif _endpoint:
        MEDIA_ORIGIN = _endpoint.rstrip("/")
    else:
        MEDIA_ORIGIN = "https://*.amazonaws.com"

# Uploads from the public 投稿 form and the admin: images are decoded and checked
# by Wagtail; attachments are checked by content in portal/uploads.py.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env("IMAGE_MAX_MEGAPIXELS", "40")) * 1_000_000
ATTACHMENT_MAX_UPLOAD_SIZE = int(env("ATTACHMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Django: privacy checks, download headers
# Every document downloads (Content-Disposition: attachment), PDFs included: a PDF shown
# inline runs in the browser's viewer under the site's origin, a download does not.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Raster formats only: an SVG is a document that can carry script, so it is never accepted.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Adds the checks Wagtail leaves out: the whole image decodes, and it hides no markup
# or script (portal/image_checks.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.core.image_forms.CheckedImageForm"
# Django serves uploaded media itself only when debugging or when told to (SERVE_MEDIA=1 on
# a box without a web server in front); otherwise the web server does, see the README.
SERVE_MEDIA = DEBUG or env_bool("SERVE_MEDIA")
# Word import (从Word导入, `import_legacy file.docx`): the largest .docx taken, and the
# most paragraphs (a 300-page report has some 6000), so one import stays in seconds.
WORD_IMPORT_MAX_SIZE = int(env("WORD_IMPORT_MAX_MB", "30")) * 1024 * 1024
WORD_IMPORT_MAX_PARAGRAPHS = int(env("WORD_IMPORT_MAX_PARAGRAPHS", "10000"))

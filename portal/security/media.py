"""Uploaded media, when Django serves it (debugging, or SERVE_MEDIA=1 with no web server).

Nothing uploaded may run in the site's origin: every file goes out with nosniff and a
sandboxing Content-Security-Policy, and anything but a raster image as a download.
Documents are not served from here at all: they go through Wagtail's document view,
which checks their privacy settings.
"""

from django.http import Http404
from django.views.static import serve

IMAGE_TYPES = {"image/avif", "image/gif", "image/jpeg", "image/png", "image/webp"}


def serve_media(request, path, document_root):
    if path.startswith("documents/"):
        raise Http404("文件请通过文档链接下载")
    response = serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if response.get("Content-Type", "").split(";")[0] not in IMAGE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response

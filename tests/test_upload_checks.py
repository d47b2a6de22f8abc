"""Uploads are checked for what they really are, and served so that nothing runs.

Images go through the admin's own add views (single and drag-and-drop), so the test sees
what an editor sees: a bad file is refused with a reason and nothing is saved.
"""

import io
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.documents.models import Document
from wagtail.images.models import Image

from portal.security.media import serve_media


def picture(fmt="PNG", size=(64, 48), **options):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb(side=20_000):
    """A black 20000×20000 PNG: 400 million pixels packed into about 50 KB."""
    rows = zlib.compress(b"\x00" * ((side // 8 + 1) * side), 9)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )


def png_text(key, value):
    info = PngInfo()
    info.add_text(key, value, zip=True)  # compressed: only the decoded text shows it
    return info


def gif_script_polyglot():
    """A GIF that is also JavaScript: the width bytes open a comment the tail closes."""
    gif = bytearray(picture("GIF", size=(1, 1)))
    gif[6:8] = b"/*"
    return bytes(gif) + b"*/=alert(document.domain);"


BAD_FILES = {
    "truncated": ("photo.jpg", picture("JPEG", size=(400, 300))[:1500], "不完整或已损坏"),
    "oversized": ("scan.png", picture() + b"\x00" * (11 * 1024 * 1024), "文件过大"),
    "bomb": ("bomb.png", decompression_bomb(), "像素过多"),
    "gif-js": ("logo.gif", gif_script_polyglot(), "夹带了网页或脚本代码"),
    "jpeg-html": (
        "photo.jpg",
        picture("JPEG", comment=b"<html><script>alert(document.cookie)</script>"),
        "夹带了网页或脚本代码",
    ),
    "jpeg-img-onerror": (
        "photo.jpg",
        picture("JPEG", comment=b"<img src=x onerror=alert(document.cookie)>"),
        "夹带了网页或脚本代码",
    ),
    "jpeg-php-short-tag": (
        "photo.jpg",
        picture("JPEG", comment=b"<?=`$_GET[c]`?>"),
        "夹带了网页或脚本代码",
    ),
    "png-text-chunk": (
        "chart.png",
        picture("PNG", pnginfo=png_text("Comment", "<a href=javascript:alert(1)>点</a>")),
        "夹带了网页或脚本代码",
    ),
    "png-html": ("chart.png", picture() + b"<!DOCTYPE html><body onload=alert(1)>", "夹带了"),
    "svg": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "不支持的图片格式",
    ),
    "html-as-png": (
        "page.png",
        b"<html><script>alert(1)</script></html>",
        "扩展名与文件格式不匹配",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_FILES)
def test_the_image_form_refuses_a_bad_file_with_a_reason(admin_client, kind):
    name, content, reason = BAD_FILES[kind]
    response = admin_client.post(
        "/admin/images/add/", {"title": "测试图片", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert reason in errors, errors
    assert "测试图片" in response.content.decode()  # the title typed stays in the form
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["truncated", "gif-js", "jpeg-html", "bomb"])
def test_drag_and_drop_upload_refuses_a_bad_file_with_a_reason(admin_client, kind):
    name, content, reason = BAD_FILES[kind]
    response = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
    )
    result = response.json()
    assert result["success"] is False
    assert reason in result["error_message"]
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", picture("JPEG", size=(1200, 800), quality=85)),
        ("chart.png", picture()),
        ("animation.gif", picture("GIF")),
        ("photo.webp", picture("WEBP")),
    ],
)
def test_good_images_are_accepted(admin_client, name, content):
    response = admin_client.post(
        "/admin/images/add/", {"title": "开发区风光", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Image.objects.get().title == "开发区风光"


@pytest.mark.django_db
def test_documents_download_rather_than_open_in_the_site(client):
    document = Document.objects.create(
        title="会员大会通知", file=ContentFile(b"%PDF-1.4 test", name="tongzhi.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_uploaded_media_served_by_django_cannot_run(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(picture())
    (tmp_path / "images" / "page.html").write_bytes(b"<script>alert(1)</script>")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "private.pdf").write_bytes(b"%PDF-1.4")
    request = RequestFactory().get("/media/")

    image = serve_media(request, "images/a.png", str(tmp_path))
    assert image["Content-Type"] == "image/png"
    assert not image.get("Content-Disposition", "").startswith("attachment")
    html = serve_media(request, "images/page.html", str(tmp_path))
    assert html["Content-Disposition"] == "attachment"
    for response in (image, html):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # Documents only through Wagtail's view, which checks their privacy.
    with pytest.raises(Exception, match="文档链接"):
        serve_media(request, "documents/private.pdf", str(tmp_path))

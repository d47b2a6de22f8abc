"""Finding the pictures and attachments of a saved page on disk, and checking that
pictures are pictures and attachments the documents their names say."""

import base64
import binascii
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from news.legacy.record import LegacyAttachment, LegacyImage
from portal.core.uploads import check_attachment

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# Spacers, bullets and icons are decoration, not content.
MIN_SIDE = 16
DATA_URI = re.compile(r"data:image/[\w.+-]+;base64,(?P<data>.*)", re.S)


class ImageFinder:
    """Resolves <img> sources of one file: relative to its folder, root-relative
    to the import root, and absolute URLs of the old site's own host likewise."""

    def __init__(self, folder, root, old_hosts=()):
        self.folder, self.root = Path(folder), Path(root)
        self.old_hosts = {host.lower() for host in old_hosts if host}
        self.warnings = []

    def load(self, src):
        """The picture at `src`, or None (with a warning when it is missing or broken)."""
        src = (src or "").strip()
        if not src:
            return None
        if src.startswith("data:"):
            match = DATA_URI.fullmatch(src)
            try:
                data = base64.b64decode(match["data"]) if match else b""
            except (binascii.Error, ValueError):
                data = b""
            return self.checked(data, "image", "内嵌图片")
        path = self.path(src)
        if path is None:
            self.warnings.append(f"图片未导入（外部网址，不下载）：{src}")
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.warnings.append(f"图片未导入（找不到文件）：{src}")
            return None
        return self.checked(data, path.stem, src)

    def attachment(self, href, label):
        """The document `href` links to, or None (with a warning)."""
        path = self.path(href.strip())
        if path is None:
            self.warnings.append(f"附件未导入（外部网址，不下载）：{href}")
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.warnings.append(f"附件未导入（找不到文件）：{href}")
            return None
        return self.checked_attachment(data, path.name, label, href)

    def checked_attachment(self, data, filename, label, shown):
        try:
            check_attachment(ContentFile(data, name=filename))
        except ValidationError as error:
            self.warnings.append(f"附件未导入（{'；'.join(error.messages)}）：{shown}")
            return None
        return LegacyAttachment(data=data, filename=filename, title=label or filename)

    def path(self, src):
        parts = urlsplit(src)
        relative = unquote(parts.path)
        if parts.scheme or parts.netloc:
            if parts.scheme not in {"http", "https", ""} or parts.hostname not in self.old_hosts:
                return None
            return self.root / relative.lstrip("/")
        if relative.startswith("/"):
            return self.root / relative.lstrip("/")
        return self.folder / relative

    def checked(self, data, stem, label):
        try:
            with Image.open(io.BytesIO(data)) as picture:
                picture.verify()
                kind, (width, height) = picture.format, picture.size
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            self.warnings.append(f"图片未导入（不是可用的图片）：{label}")
            return None
        if kind not in FORMATS:
            self.warnings.append(f"图片未导入（不支持的格式 {kind}）：{label}")
            return None
        if width < MIN_SIDE and height < MIN_SIDE:
            return None
        return LegacyImage(data=data, filename=f"{stem}.{FORMATS[kind]}")

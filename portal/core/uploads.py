"""Uploads are checked for what they are, not for what their names say.

Images go through Wagtail's own field: decoded by Willow, format matched against the
extension, within WAGTAILIMAGES_MAX_UPLOAD_SIZE and WAGTAILIMAGES_MAX_IMAGE_PIXELS.
Attachments: PDF by its `%PDF-` header; DOCX, XLSX and OFD are ZIP containers that must hold their
format's main part; DOC, XLS and WPS are OLE2 compound files. Only the ZIP directory is
read, never the compressed data, so a ZIP bomb costs nothing.
"""

import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from portal.core.image_checks import CheckedImageField

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# The part a ZIP-based document of each kind cannot lack.
ZIP_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "ofd": "OFD.xml"}
OLE2_KINDS = {"doc", "xls", "wps"}
KIND_NAMES = {
    "pdf": "PDF",
    "ofd": "OFD",
    "doc": "Word",
    "docx": "Word",
    "wps": "WPS",
    "xls": "Excel",
    "xlsx": "Excel",
}
ACCEPTED_TEXT = "PDF、OFD、Word（DOC/DOCX）、WPS、Excel（XLS/XLSX）"


def extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def content_matches(upload, kind):
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind in OLE2_KINDS:
        return head.startswith(OLE2_MAGIC)
    if not head.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    # Macro-enabled documents renamed to .docx/.xlsx carry a VBA project: refuse them.
    has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    return ZIP_MAIN_PART[kind] in names and not has_macros


def check_attachment(upload):
    kind = extension(upload.name)
    if kind not in KIND_NAMES:
        shown = f"“.{kind}”" if kind else ""
        raise ValidationError(
            f"不支持的附件格式{shown}。请上传 {ACCEPTED_TEXT} 文件。", code="unsupported"
        )
    limit = settings.ATTACHMENT_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            f"附件过大（{filesizeformat(upload.size)}），不能超过 {filesizeformat(limit)}。",
            code="too_large",
        )
    if not content_matches(upload, kind):
        raise ValidationError(
            f"附件“{upload.name}”的内容不是有效的 {KIND_NAMES[kind]} 文件，"
            "请确认文件未损坏、扩展名正确后重新上传。",
            code="content_mismatch",
        )


class AttachmentField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            f"可选，1 个文件：{ACCEPTED_TEXT}，"
            f"不超过 {filesizeformat(settings.ATTACHMENT_MAX_UPLOAD_SIZE)}。",
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{kind}" for kind in KIND_NAMES))

    def validate(self, value):
        super().validate(value)
        if value:
            check_attachment(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(CheckedImageField):
    """Up to `max_files` images, each checked as the admin checks uploads."""

    def __init__(self, max_files=5, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                f"最多上传 {self.max_files} 张图片，您选择了 {len(files)} 张。", code="too_many"
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as error:
                errors += [f"图片“{upload.name}”：{message}" for message in error.messages]
        if errors:
            raise ValidationError(errors)
        return cleaned

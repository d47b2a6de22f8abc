"""What the uploaded bytes are, checked before any parser sees them.

Only the ZIP directory is read here. Python's zipfile never inflates a member beyond
the size its directory entry declares, so once those sizes are checked a ZIP bomb
cannot cost more than the limits below.
"""

import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from news.legacy.record import UnreadableFile

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream Word and WPS put in the OLE2 container of a password-protected .docx.
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
MAIN_PART = "word/document.xml"
MAX_MEMBERS = 2000
# Inflated, the whole package and any one part: what bounds the memory an import takes.
MAX_TOTAL = 100 * 1024 * 1024
MAX_PART = 50 * 1024 * 1024
# A long document of repeated phrases compresses some 200-fold; a large part that
# inflates far beyond that is a bomb, not a document.
MAX_RATIO = 1000
RATIO_CHECKED_FROM = 10 * 1024 * 1024
ASK_FOR_DOCX = "请在 Word 或 WPS 中打开，选择“另存为”，保存为 Word 文档（.docx）后再导入。"


def open_package(data, name=""):
    """`data` as an open ZipFile of a .docx, or UnreadableFile saying what is wrong."""
    limit = settings.WORD_IMPORT_MAX_SIZE
    if len(data) > limit:
        raise UnreadableFile(
            f"文件过大（{filesizeformat(len(data))}），不能超过 {filesizeformat(limit)}。"
            "请删去多余的图片或将文档拆分后导入。"
        )
    if not data:
        raise UnreadableFile("文件是空的。")
    refuse_other_formats(data, name)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise UnreadableFile(
            "文件已损坏，无法读取（不是完整的 .docx 文件）。" + ASK_FOR_DOCX
        ) from None
    check_sizes(members)
    names = {member.filename for member in members}
    if MAIN_PART not in names:
        raise UnreadableFile("这不是 Word 文档（.docx）：文件里没有正文部分。" + ASK_FOR_DOCX)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnreadableFile("文档含有宏（.docm），不能导入。请另存为不含宏的 Word 文档（.docx）。")
    return package


def refuse_other_formats(data, name):
    head = data[:8]
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if head.startswith(OLE2_MAGIC):
        if ENCRYPTION_INFO in data:
            raise UnreadableFile(
                "文档设有打开密码，无法读取。请在 Word 或 WPS 中打开，"
                "取消密码（文件 › 信息 › 保护文档 › 用密码进行加密，清空密码）并保存后再导入。"
            )
        kind = "WPS 文字（.wps）" if suffix == "wps" else "旧版 Word 文档（.doc）"
        raise UnreadableFile(f"这是{kind}，不能直接导入。{ASK_FOR_DOCX}")
    if head.startswith(b"%PDF-"):
        raise UnreadableFile("这是 PDF 文件，不能导入为文章。请上传原始的 Word 文档（.docx）。")
    if head.startswith(b"{\\rtf"):
        raise UnreadableFile(f"这是 RTF 文件。{ASK_FOR_DOCX}")
    if not head.startswith(b"PK"):
        raise UnreadableFile(f"这不是 Word 文档（.docx）。{ASK_FOR_DOCX}")


def check_sizes(members):
    too_big = "文档解压后过大，可能已损坏或是恶意构造的压缩包，已拒绝导入。"
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile(too_big)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_PART or total > MAX_TOTAL:
            raise UnreadableFile(too_big)
        if member.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise UnreadableFile(too_big)

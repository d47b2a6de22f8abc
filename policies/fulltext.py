"""The words inside an attachment, for the search index of its page.

PDF through pypdf, DOCX through python-docx; OFD and DOC are not read (no maintained
reader), so such a page is found by its title and fields only. A PDF with pages but no
text layer is a scan: its page is indexed by title only and editors are told.

The text is capped at TEXT_LIMIT characters per attachment, and the page's whole
attachment text at PAGE_TEXT_LIMIT, well under PostgreSQL's 1 MB per text vector (a
Chinese character is 3 bytes in UTF-8, and the segmenter adds a space between words).
"""

import logging
from dataclasses import dataclass

from django.db import models

logger = logging.getLogger(__name__)

TEXT_LIMIT = 100_000
PAGE_TEXT_LIMIT = 150_000
# Pages read at most: a 2,000-page annex would otherwise hold a publish for minutes.
PAGE_LIMIT = 300


class TextStatus(models.TextChoices):
    TEXT = "text", "已提取全文"
    SCANNED = "scanned", "扫描件，没有文字层"
    UNREADABLE = "unreadable", "无法读取"
    NOT_READ = "not_read", "此格式不提取全文"


@dataclass
class Extracted:
    text: str
    status: str


def extract(file, kind):
    """The text of an open binary `file` of `kind` ("pdf", "docx", …), capped."""
    readers = {"pdf": pdf_text, "docx": docx_text}
    if kind not in readers:
        return Extracted("", TextStatus.NOT_READ)
    try:
        text = readers[kind](file)
    except Exception:  # a damaged file must not stop a publish; editors see the status
        logger.warning("could not read the text of an attachment", exc_info=True)
        return Extracted("", TextStatus.UNREADABLE)
    text = " ".join(text.split())[:TEXT_LIMIT]
    if not text:
        return Extracted("", TextStatus.SCANNED if kind == "pdf" else TextStatus.TEXT)
    return Extracted(text, TextStatus.TEXT)


def pdf_text(file):
    from pypdf import PdfReader  # imported here: only publishing an attachment needs it

    reader = PdfReader(file)
    parts, length = [], 0
    for page in reader.pages[:PAGE_LIMIT]:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
        if length >= TEXT_LIMIT:
            break
    return "\n".join(parts)


def docx_text(file):
    import docx  # python-docx

    document = docx.Document(file)
    parts, length = [], 0
    for paragraph in document.paragraphs:
        parts.append(paragraph.text)
        length += len(paragraph.text)
        if length >= TEXT_LIMIT:
            break
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)

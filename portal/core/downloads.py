"""Downloads keep their Chinese names. Wagtail's document view sends a non-ASCII name in
`filename*` only; clients that ignore it (old download managers, some WeChat versions)
then save the file under the last part of the address. This adds a readable ASCII
`filename` (the name in pinyin) beside it, as RFC 6266 recommends."""

from pathlib import PurePosixPath
from urllib.parse import quote

from wagtail.documents.views.serve import serve

from portal.core.slugs import pinyin_slug


def ascii_filename(name):
    """`报名回执表（示例）.pdf` → `bao-ming-hui-zhi-biao-shi-li.pdf`; never empty."""
    path = PurePosixPath(name)
    if path.suffix.isascii() and path.suffix[1:].isalnum():
        return (pinyin_slug(path.stem) or "download") + path.suffix.lower()
    return pinyin_slug(name) or "download"


def content_disposition(name, as_attachment=True):
    kind = "attachment" if as_attachment else "inline"
    return f"{kind}; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name)}"


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (privacy checks, sendfile), with both file names."""
    response = serve(request, document_id, document_filename)
    disposition = response.get("Content-Disposition", "")
    if "filename*=" in disposition:
        as_attachment = disposition.startswith("attachment")
        response["Content-Disposition"] = content_disposition(document_filename, as_attachment)
    return response

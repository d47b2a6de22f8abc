"""The plain record every parser produces and the importer writes."""

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit


class UnreadableFile(Exception):
    """A file the importer cannot understand; the message is the reason, in Chinese."""


def describe(error):
    """An import error as one line for the report."""
    messages = getattr(error, "messages", None)  # a ValidationError
    return "；".join(messages) if messages else str(error) or type(error).__name__


@dataclass
class LegacyImage:
    data: bytes
    filename: str
    caption: str = ""
    kind = "image"

    @property
    def sha1(self):
        return hashlib.sha1(self.data).hexdigest()


@dataclass
class LegacyAttachment:
    """A file the article links to (PDF, Word, Excel…), checked like an upload."""

    data: bytes
    filename: str
    title: str = ""
    kind = "attachment"

    @property
    def sha1(self):
        return hashlib.sha1(self.data).hexdigest()


@dataclass
class LegacyArticle:
    """One old article. `body` holds ("paragraph", text), ("heading", text),
    ("image", LegacyImage) and ("attachment", LegacyAttachment) items: plain text
    only, never the old site's markup."""

    title: str
    publish_time: datetime
    source: str = ""
    authors: list[str] = field(default_factory=list)
    editor: str = ""
    views: int | None = None
    crumbs: list[str] = field(default_factory=list)
    old_urls: list[str] = field(default_factory=list)
    body: list[tuple[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # what was left out, and why

    @property
    def fingerprint(self):
        """Title and publish date: the key when the old URL is unknown.

        Only the date counts, and the title is compared without spaces and with
        punctuation folded, so a text capture and a saved HTML page of the same
        article find each other.
        """
        title = "".join(unicodedata.normalize("NFKC", self.title).split())
        return hashlib.sha1(f"{title}|{self.publish_time.date():%Y-%m-%d}".encode()).hexdigest()

    def digest(self, *extra):
        """A hash of everything the import would write, to skip unchanged files."""
        body = [
            (kind, value if isinstance(value, str) else value.sha1) for kind, value in self.body
        ]
        body += [("title", value.title) for kind, value in self.body if kind == "attachment"]
        body += [("caption", value.caption) for kind, value in self.body if kind == "image"]
        content = [
            self.title,
            self.publish_time.isoformat(),
            self.source,
            self.authors,
            self.editor,
            self.views,
            self.crumbs,
            sorted(self.old_urls),
            body,
            list(extra),
        ]
        return hashlib.sha1(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    def count(self, kind):
        return sum(1 for block_kind, _ in self.body if block_kind == kind)


def normalise_url(url):
    """An http(s) URL or a path from the site's root, without its fragment; else ""."""
    parts = urlsplit((url or "").strip())
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        path = parts.path or "/"
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        return urlunsplit(("", "", parts.path, parts.query, ""))
    return ""


def url_key(url):
    """The part of an old URL that identifies the article: host, path and query."""
    parts = urlsplit(url)
    return parts.netloc.lower() + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

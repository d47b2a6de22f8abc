"""Matched words marked in titles and snippets, everything else escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.core.search_fields import SegmentedSearchField

SNIPPET_LENGTH = 120


def pattern(words):
    """One regex for every word, longest first; adjacent words make one mark (复工复产)."""
    if not words:
        return None
    ordered = sorted(set(words), key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in ordered)
    return re.compile(f"(?:{alternatives})+", re.IGNORECASE)


def highlight(text, regex):
    """`text` HTML-escaped, with each match wrapped in <mark>."""
    if regex is None:
        return escape(text)
    parts, last = [], 0
    for match in regex.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def body_text(page):
    """The page's indexed text other than its title, as readers see it."""
    return " ".join(
        field.raw_text(page)
        for field in page.get_search_fields()
        if isinstance(field, SegmentedSearchField) and field.field_name != "title"
    )


def snippet(page, regex):
    """About SNIPPET_LENGTH characters of the text around the first match."""
    text = " ".join(body_text(page).split())
    match = regex.search(text) if regex else None
    start = max(0, match.start() - SNIPPET_LENGTH // 3) if match else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(prefix + highlight(excerpt, regex) + suffix)

"""ASCII slugs for Chinese titles: pinyin syllables joined by hyphens."""

from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_SLUG_LENGTH = 60


def pinyin_slug(title):
    """Return an ASCII slug for `title`, or "" when nothing usable is left.

    Each Chinese character becomes its pinyin syllable; Latin letters and digits
    pass through. Long titles are cut at a hyphen so slugs stay readable.
    """
    slug = slugify("-".join(lazy_pinyin(title or "")))
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug.strip("-")

"""ASCII slugs for Chinese titles: pinyin syllables joined by hyphens.

One rule for every page, however it is made (admin, 投稿, imports, demo, code): an empty
slug becomes the title's pinyin, or `page-YYYYMMDD` when the title has nothing to
romanise (emoji, punctuation, invisible characters), made unique among the parent's
children with `-2`, `-3`, …
"""

import re

from django.utils import timezone
from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_SLUG_LENGTH = 60


def pinyin_slug(title):
    """Return an ASCII slug for `title`, or "" when nothing usable is left.

    Each Chinese character becomes its pinyin syllable; Latin letters and digits
    pass through. Long titles are cut at a hyphen so slugs stay readable.
    """
    # slugify keeps underscores and runs of hyphens ("a_-_b"); one hyphen between words.
    slug = re.sub(r"[-_]+", "-", slugify("-".join(lazy_pinyin(title or "")))).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug.strip("-")


def base_slug(title, today=None):
    """The slug a page with this title asks for, before it is made unique."""
    return pinyin_slug(title) or f"page-{today or timezone.localdate():%Y%m%d}"


def unique_slug(base, taken):
    """`base`, or `base-N` with the lowest N ≥ 2 not in `taken` (a set of slugs)."""
    if base not in taken:
        return base
    numbered = re.compile(rf"{re.escape(base)}-(\d+)")
    used = {int(match[1]) for slug in taken if (match := numbered.fullmatch(slug))}
    number = 2
    while number in used:
        number += 1
    return f"{base}-{number}"


def unique_child_slug(parent, base, page=None):
    """`base` made unique among the children of `parent` (other than `page`), in one
    query whatever the number of siblings that share it."""
    siblings = parent.get_children().filter(slug__startswith=base)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    return unique_slug(base, set(siblings.values_list("slug", flat=True)))

"""Plain-text captures of old article pages (a browser's "save as text" or a copy).

The whole page is there, one block per line: menus, the breadcrumb, the title,
the meta line, the body and the footer. Punctuation may have been flattened to
ASCII, which `full_width` undoes.
"""

from news.legacy.chinese import full_width
from news.legacy.layout import (
    body_blocks,
    breadcrumb_text,
    is_chrome,
    looks_like_title,
    split_crumbs,
    split_head,
    split_tail,
)
from news.legacy.meta import Meta, is_meta_line
from news.legacy.record import UnreadableFile

# Where to look for the meta line when there is no breadcrumb to start from.
HEAD_LINES = 80
TITLE_MIN = 5


def parse_capture(content):
    """Text of a capture -> (title, meta, crumbs, body blocks)."""
    lines = [full_width(line.strip()) for line in content.splitlines()]
    crumbs_at = next((i for i, line in enumerate(lines) if breadcrumb_text(line) is not None), None)
    title_at = find_title(lines, 0 if crumbs_at is None else crumbs_at + 1)
    title = lines[title_at]
    crumbs = [] if crumbs_at is None else split_crumbs(breadcrumb_text(lines[crumbs_at]), title)
    head, rest = split_head(lines[title_at + 1 :])
    meta = Meta()
    for line in head:
        meta.read(line)
    body, tail = split_tail(rest, keep_dates=meta.publish_time is not None)
    for line in tail:
        meta.read(line)
    return title, meta, crumbs, body_blocks(body)


def is_candidate(line):
    return bool(line) and not is_chrome(line) and not is_meta_line(line)


def find_title(lines, start):
    """The title: the first real line after the breadcrumb, else the line above the meta line."""
    if start == 0:
        meta_at = next((i for i, line in enumerate(lines[:HEAD_LINES]) if is_meta_line(line)), None)
        if meta_at is not None:
            above = [i for i in range(meta_at) if is_candidate(lines[i])]
            if above and looks_like_title(lines[above[-1]]):
                return above[-1]
    candidates = [i for i in range(start, len(lines)) if is_candidate(lines[i])]
    if not candidates:
        raise UnreadableFile("找不到标题：文件里没有正文")
    if start == 0:  # skip the menu items left above the title
        candidates = [i for i in candidates if len(lines[i]) >= TITLE_MIN] or candidates
    return candidates[0]

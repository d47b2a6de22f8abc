"""公文 headings, known by their numbering (GB/T 9704): 一、 › （一） › 1. › (1).

Word users rarely give them heading styles; they type the number and make the line
bold (or 黑体, which the converter cannot see), so mammoth hands them over as plain
paragraphs. The numbering says the level: 一、 is the article's 小标题 (h2), （一） an
h3, 1. and (1) an h4.
"""

import re

NUMBERINGS = [
    (re.compile(r"[一二三四五六七八九十百]+\s*、"), 2),
    (re.compile(r"[（(]\s*[一二三四五六七八九十百]+\s*[)）]"), 3),
    (re.compile(r"\d{1,2}\s*[.．、](?!\d)"), 4),
    (re.compile(r"[（(]\s*\d{1,2}\s*[)）]"), 4),
]
# Longer than this, or ending like a sentence, a numbered line is body text that starts
# with a number ("一是……；"), unless it is bold all through.
PLAIN_HEADING_MAX = 30
MAX_HEADING = 60
SENTENCE_END = tuple("。；;：:，,！!？?")


def heading_level(text, all_bold):
    """2, 3 or 4 when the paragraph `text` is a numbered 公文 heading, else None."""
    text = text.strip()
    if not text or len(text) > MAX_HEADING:
        return None
    if not all_bold and (len(text) > PLAIN_HEADING_MAX or text.endswith(SENTENCE_END)):
        return None
    for numbering, level in NUMBERINGS:
        if numbering.match(text) and numbering.match(text).end() < len(text):
            return level
    return None

"""Chinese text as old pages write it: character classes, brackets, flattened punctuation."""

import re


def words(text):
    """Word lists are written as text: long lists of short Chinese words read better so."""
    return text.split()


CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width forms, CJK punctuation, curly quotes, the ellipsis and the dash.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
CHINESE = re.compile(f"[{CJK}]")
NEAR_CHINESE = f"[{CJK}{CJK_PUNCT}]"
BLANKS = re.compile(r"\s+")

# Captures flatten punctuation: "区:“保姆式”" was "区：“保姆式”" on the page.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
PAIRED_PARENS = re.compile(r"\(([^()\n]*)\)")
LONE_PUNCT = re.compile(rf"(?<={NEAR_CHINESE})[,:;?!()]|[,:;?!()](?={NEAR_CHINESE})")


def full_width(text):
    """ASCII `,:;?!()` next to Chinese text becomes full-width; `10:38` and `1,000` stay."""

    def parens(match):
        inner, before, after = match[1], text[: match.start()][-1:], text[match.end() :][:1]
        if re.search(NEAR_CHINESE, inner + before + after):
            return f"（{inner}）"
        return match[0]

    text = PAIRED_PARENS.sub(parens, text)
    return LONE_PUNCT.sub(lambda match: FULL_WIDTH[match[0]], text)


OPEN, CLOSE = "【[（(〔", "】]）)〕"
OPENING, CLOSING = re.escape(OPEN), re.escape(CLOSE)  # for character classes


def unwrap(text):
    """'（编辑：张三）' -> '编辑：张三'."""
    text = text.strip()
    if len(text) > 1 and text[0] in OPEN and text[-1] in CLOSE:
        return text[1:-1].strip()
    return text

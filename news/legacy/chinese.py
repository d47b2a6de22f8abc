"""Chinese text as old pages write it: character classes, brackets, flattened punctuation."""

import codecs
import re

from news.legacy.record import UnreadableFile

# GB18030 is the superset of GB2312 and GBK, which old pages declare.
GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "gb18030"}


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


def decode(data, declared=""):
    """Bytes -> text: a BOM, else UTF-8 when valid, else the declared charset, else GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        raise UnreadableFile("不是文本或 HTML 文件")
    declared = "gb18030" if declared.lower() in GB else declared
    for encoding in filter(None, ["utf-8", declared, "gb18030"]):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise UnreadableFile("无法识别文件的文字编码")

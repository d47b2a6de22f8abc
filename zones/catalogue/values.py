"""Reading one value of the catalogue: province, level, kind, approval date, area.

People and the catalogue write the same thing several ways (北京 / 北京市, 高新区 /
高新技术产业开发区, 1994.08 / 1994年8月); each function maps those to one stored value
or raises ValueError with a reason a person can act on.
"""

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from zones.choices import DatePrecision, Kind, Level, Province

# 广西壮族自治区 -> 广西, 北京市 -> 北京: the part people write on its own.
_PROVINCE_SUFFIX = r"(?:维吾尔|壮族|回族)?(?:自治区|省|市)"
_PROVINCE_BY_CORE = {re.sub(_PROVINCE_SUFFIX + "$", "", p.value): p for p in Province}
# The catalogue lists the Xinjiang Production and Construction Corps on its own.
_PROVINCE_BY_CORE["新疆生产建设兵团"] = Province.XINJIANG
_CORES_LONGEST_FIRST = sorted(_PROVINCE_BY_CORE, key=len, reverse=True)

# Ways of writing a kind, with the kind they mean for national and for provincial zones.
_KIND_FAMILIES = [
    ({"经济技术开发区", "经济开发区", "经开区"}, Kind.ECONOMIC_TECH, Kind.ECONOMIC),
    (
        {"高新技术产业开发区", "高新技术产业园区", "高新技术开发区", "高新区"},
        Kind.HIGH_TECH,
        Kind.HIGH_TECH_PARK,
    ),
    ({"海关特殊监管区域", "海关特殊监管区"}, Kind.CUSTOMS, None),
    (
        {"边境/跨境经济合作区", "边境经济合作区", "跨境经济合作区", "边境合作区"},
        Kind.BORDER,
        None,
    ),
    ({"特色工业园区", "工业园区"}, None, Kind.INDUSTRIAL),
    ({"其他类型", "其他"}, Kind.OTHER_NATIONAL, Kind.OTHER_PROVINCIAL),
]

# When neither a column nor a heading gives the kind, the end of the name usually does.
_KIND_BY_NAME_ENDING = [
    (("经济技术开发区", "经济开发区"), Kind.ECONOMIC_TECH, Kind.ECONOMIC),
    (("高新技术产业开发区", "高新技术产业园区", "高新区"), Kind.HIGH_TECH, Kind.HIGH_TECH_PARK),
    (
        ("综合保税区", "保税区", "保税港区", "出口加工区", "保税物流园区", "跨境工业区"),
        Kind.CUSTOMS,
        None,
    ),
    (("边境经济合作区", "跨境经济合作区"), Kind.BORDER, None),
    (("工业园区", "工业集中区"), None, Kind.INDUSTRIAL),
]

EARLIEST_YEAR = 1950


def squeeze(text):
    """Drop every space, including full-width and non-breaking ones."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def clean_name(text):
    """A zone's full name as stored: one line, full-width brackets as in the catalogue."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return text.replace("(", "（").replace(")", "）")


def province_from_text(text):
    """'北京', '北京市', '广西', '广西壮族自治区' -> the Province; None when unknown."""
    text = squeeze(text)
    return _PROVINCE_BY_CORE.get(re.sub(_PROVINCE_SUFFIX + "$", "", text) or text)


def split_province(text):
    """'北京市国家级开发区' -> (Province.BEIJING, '国家级开发区'); (None, text) otherwise."""
    for core in _CORES_LONGEST_FIRST:
        if text.startswith(core):
            return _PROVINCE_BY_CORE[core], re.sub("^" + _PROVINCE_SUFFIX, "", text[len(core) :])
    return None, text


def level_from_text(text):
    text = squeeze(text).removesuffix("开发区")
    if text in {"国家级", "国家"}:
        return Level.NATIONAL
    if text in {"省级", "省"}:
        return Level.PROVINCIAL
    return None


def is_kind_text(text):
    text = squeeze(text)
    return any(text in names for names, _, _ in _KIND_FAMILIES)


def kind_from_text(text, level):
    """The kind `text` names for a zone of `level` (None: not known yet).

    '经济技术开发区' under 省级 reads as 经济开发区, its provincial counterpart. A kind
    that only one level has is returned as is, for the level check to report.
    """
    text = squeeze(text)
    for names, national, provincial in _KIND_FAMILIES:
        if text in names:
            if level == Level.NATIONAL:
                return national or provincial
            if level == Level.PROVINCIAL:
                return provincial or national
            if text in Kind.values:
                return Kind(text)
            only = {national, provincial} - {None}
            return only.pop() if len(only) == 1 else None
    return None


def kind_from_name(name, level):
    """The kind a zone's name says it is, or the level's 其他 when it says nothing."""
    name = re.sub(r"[（(][^（）()]*[）)]$", "", name)
    for endings, national, provincial in _KIND_BY_NAME_ENDING:
        kind = national if level == Level.NATIONAL else provincial
        if kind and name.endswith(endings):
            return kind
    return Kind.OTHER_NATIONAL if level == Level.NATIONAL else Kind.OTHER_PROVINCIAL


_DATE_FORMS = [
    (re.compile(r"(\d{4})年?"), DatePrecision.YEAR),
    (re.compile(r"(\d{4})[.\-/年](\d{1,2})月?"), DatePrecision.MONTH),
    (re.compile(r"(\d{4})(\d{2})"), DatePrecision.MONTH),
    (re.compile(r"(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?"), DatePrecision.DAY),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), DatePrecision.DAY),
]


def parse_approval(text):
    """'1994.08' -> (date(1994, 8, 1), month); '1994' -> year; '' -> (None, None)."""
    text = squeeze(text)
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}\.1", text):
        # Excel shows 1994.10 typed as a number as 1994.1.
        raise ValueError(
            f"批准时间「{text}」不明确：是1月还是10月？请写成 {text[:4]}.01 或 {text[:4]}.10"
        )
    for pattern, precision in _DATE_FORMS:
        match = pattern.fullmatch(text)
        if match:
            parts = [int(part) for part in match.groups()] + [1, 1]
            try:
                day = datetime.date(*parts[:3])
            except ValueError:
                break
            if not EARLIEST_YEAR <= day.year <= datetime.date.today().year:
                raise ValueError(f"批准时间「{text}」的年份不在 {EARLIEST_YEAR} 年至今之间")
            return day, precision
    raise ValueError(f"无法识别的批准时间「{text}」，应写成 1994.08、1994年8月 或 1994-08-15")


AREA_LIMIT = Decimal("99999999.99")


def parse_area(text):
    """'4,211.7' or '4211.7公顷' -> Decimal('4211.70'); '' -> None."""
    text = squeeze(text).replace(",", "").removesuffix("公顷")
    if not text:
        return None
    try:
        area = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"无法识别的核准面积「{text}」，应为公顷数，如 1330 或 65.2") from None
    if not area.is_finite() or not 0 < area <= AREA_LIMIT:
        raise ValueError(f"核准面积「{text}」不合理，应为大于 0 的公顷数")
    return area.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

"""Fixed lists of the zone directory: provinces, levels and the kinds of each level."""

from django.db import models


class Province(models.TextChoices):
    """The 34 provincial-level divisions, in the official order (GB/T 2260): the 31 of the
    mainland, then 台湾, 香港 and 澳门 (the tile map of the directory shows all 34)."""

    BEIJING = "北京市", "北京市"
    TIANJIN = "天津市", "天津市"
    HEBEI = "河北省", "河北省"
    SHANXI = "山西省", "山西省"
    NEIMENGGU = "内蒙古自治区", "内蒙古自治区"
    LIAONING = "辽宁省", "辽宁省"
    JILIN = "吉林省", "吉林省"
    HEILONGJIANG = "黑龙江省", "黑龙江省"
    SHANGHAI = "上海市", "上海市"
    JIANGSU = "江苏省", "江苏省"
    ZHEJIANG = "浙江省", "浙江省"
    ANHUI = "安徽省", "安徽省"
    FUJIAN = "福建省", "福建省"
    JIANGXI = "江西省", "江西省"
    SHANDONG = "山东省", "山东省"
    HENAN = "河南省", "河南省"
    HUBEI = "湖北省", "湖北省"
    HUNAN = "湖南省", "湖南省"
    GUANGDONG = "广东省", "广东省"
    GUANGXI = "广西壮族自治区", "广西壮族自治区"
    HAINAN = "海南省", "海南省"
    CHONGQING = "重庆市", "重庆市"
    SICHUAN = "四川省", "四川省"
    GUIZHOU = "贵州省", "贵州省"
    YUNNAN = "云南省", "云南省"
    XIZANG = "西藏自治区", "西藏自治区"
    SHAANXI = "陕西省", "陕西省"
    GANSU = "甘肃省", "甘肃省"
    QINGHAI = "青海省", "青海省"
    NINGXIA = "宁夏回族自治区", "宁夏回族自治区"
    XINJIANG = "新疆维吾尔自治区", "新疆维吾尔自治区"
    TAIWAN = "台湾省", "台湾省"
    HONGKONG = "香港特别行政区", "香港特别行政区"
    MACAO = "澳门特别行政区", "澳门特别行政区"


class Level(models.TextChoices):
    NATIONAL = "国家级", "国家级"
    PROVINCIAL = "省级", "省级"


class Kind(models.TextChoices):
    ECONOMIC_TECH = "经济技术开发区", "经济技术开发区"
    HIGH_TECH = "高新技术产业开发区", "高新技术产业开发区"
    CUSTOMS = "海关特殊监管区域", "海关特殊监管区域"
    BORDER = "边境/跨境经济合作区", "边境/跨境经济合作区"
    OTHER_NATIONAL = "其他类型", "其他类型"
    ECONOMIC = "经济开发区", "经济开发区"
    HIGH_TECH_PARK = "高新技术产业园区", "高新技术产业园区"
    INDUSTRIAL = "特色工业园区", "特色工业园区"
    OTHER_PROVINCIAL = "其他", "其他"


KINDS_BY_LEVEL = {
    Level.NATIONAL: [
        Kind.ECONOMIC_TECH,
        Kind.HIGH_TECH,
        Kind.CUSTOMS,
        Kind.BORDER,
        Kind.OTHER_NATIONAL,
    ],
    Level.PROVINCIAL: [
        Kind.ECONOMIC,
        Kind.HIGH_TECH_PARK,
        Kind.INDUSTRIAL,
        Kind.OTHER_PROVINCIAL,
    ],
}

# For select boxes: kinds grouped under their level.
KIND_CHOICES = [
    (level.label, [(kind.value, kind.label) for kind in kinds])
    for level, kinds in KINDS_BY_LEVEL.items()
]

LEVEL_OF_KIND = {kind: level for level, kinds in KINDS_BY_LEVEL.items() for kind in kinds}


class DatePrecision(models.TextChoices):
    YEAR = "year", "年"
    MONTH = "month", "年月"
    DAY = "day", "年月日"


def kind_level_error(level, kind):
    """The message for a kind that does not belong to `level`, or None when it does."""
    if level and kind and LEVEL_OF_KIND.get(kind) != level:
        return f"「{kind}」不是{level}开发区的类型，{level}可选：" + "、".join(
            KINDS_BY_LEVEL.get(level, [])
        )
    return None


def truncate_date(day, precision):
    """The first day of the year or month when only that much of the date is known."""
    if day is None or precision == DatePrecision.DAY:
        return day
    return day.replace(month=1 if precision == DatePrecision.YEAR else day.month, day=1)

"""Fixed lists of the zone directory: provinces, levels and kinds."""

from django.db import models


class Province(models.TextChoices):
    BEIJING = "北京市"
    TIANJIN = "天津市"
    HEBEI = "河北省"
    SHANXI = "山西省"
    NEIMENGGU = "内蒙古自治区"
    LIAONING = "辽宁省"
    JILIN = "吉林省"
    HEILONGJIANG = "黑龙江省"
    SHANGHAI = "上海市"
    JIANGSU = "江苏省"
    ZHEJIANG = "浙江省"
    ANHUI = "安徽省"
    FUJIAN = "福建省"
    JIANGXI = "江西省"
    SHANDONG = "山东省"
    HENAN = "河南省"
    HUBEI = "湖北省"
    HUNAN = "湖南省"
    GUANGDONG = "广东省"
    GUANGXI = "广西壮族自治区"
    HAINAN = "海南省"
    CHONGQING = "重庆市"
    SICHUAN = "四川省"
    GUIZHOU = "贵州省"
    YUNNAN = "云南省"
    XIZANG = "西藏自治区"
    SHAANXI = "陕西省"
    GANSU = "甘肃省"
    QINGHAI = "青海省"
    NINGXIA = "宁夏回族自治区"
    XINJIANG = "新疆维吾尔自治区"


class Level(models.TextChoices):
    NATIONAL = "国家级"
    PROVINCIAL = "省级"


class Kind(models.TextChoices):
    ECONOMIC_TECH = "经济技术开发区"
    HIGH_TECH = "高新技术产业开发区"
    CUSTOMS = "海关特殊监管区域"
    BORDER = "边境/跨境经济合作区"
    OTHER_NATIONAL = "其他类型"
    ECONOMIC = "经济开发区"
    HIGH_TECH_PARK = "高新技术产业园区"
    INDUSTRIAL = "特色工业园区"
    OTHER_PROVINCIAL = "其他"

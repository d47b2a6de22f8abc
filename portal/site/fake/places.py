"""Real place names the fake zones and articles are named after.

For each of the 31 provinces: its statistical division code (the first two digits of
the catalogue's zone codes) and cities or, for the four municipalities, districts.
"""

from zones.choices import Province

MUNICIPALITIES = {Province.BEIJING, Province.TIANJIN, Province.SHANGHAI, Province.CHONGQING}

# Provinces with a land border, where 边境经济合作区 exist.
BORDER_PROVINCES = {
    Province.NEIMENGGU,
    Province.LIAONING,
    Province.JILIN,
    Province.HEILONGJIANG,
    Province.GUANGXI,
    Province.YUNNAN,
    Province.XIZANG,
    Province.XINJIANG,
}

DIVISION_CODES = {
    Province.BEIJING: "11",
    Province.TIANJIN: "12",
    Province.HEBEI: "13",
    Province.SHANXI: "14",
    Province.NEIMENGGU: "15",
    Province.LIAONING: "21",
    Province.JILIN: "22",
    Province.HEILONGJIANG: "23",
    Province.SHANGHAI: "31",
    Province.JIANGSU: "32",
    Province.ZHEJIANG: "33",
    Province.ANHUI: "34",
    Province.FUJIAN: "35",
    Province.JIANGXI: "36",
    Province.SHANDONG: "37",
    Province.HENAN: "41",
    Province.HUBEI: "42",
    Province.HUNAN: "43",
    Province.GUANGDONG: "44",
    Province.GUANGXI: "45",
    Province.HAINAN: "46",
    Province.CHONGQING: "50",
    Province.SICHUAN: "51",
    Province.GUIZHOU: "52",
    Province.YUNNAN: "53",
    Province.XIZANG: "54",
    Province.SHAANXI: "61",
    Province.GANSU: "62",
    Province.QINGHAI: "63",
    Province.NINGXIA: "64",
    Province.XINJIANG: "65",
}

# Cities (市) of each province, districts (区) of the municipalities, without the suffix.
PLACES = {
    Province.BEIJING: "顺义 大兴 通州 昌平 平谷 房山 怀柔 密云 延庆 门头沟 海淀 朝阳",
    Province.TIANJIN: "西青 津南 北辰 武清 宝坻 静海 宁河 东丽 蓟州",
    Province.HEBEI: "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    Province.SHANXI: "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    Province.NEIMENGGU: "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 "
    "满洲里 二连浩特",
    Province.LIAONING: "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛",
    Province.JILIN: "长春 吉林 四平 辽源 通化 白山 松原 白城 珲春",
    Province.HEILONGJIANG: "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 "
    "黑河 绥化 绥芬河",
    Province.SHANGHAI: "闵行 嘉定 松江 青浦 奉贤 金山 宝山 崇明",
    Province.JIANGSU: "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 "
    "昆山 江阴 张家港 常熟",
    Province.ZHEJIANG: "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 慈溪",
    Province.ANHUI: "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 "
    "池州 宣城",
    Province.FUJIAN: "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 晋江 福清",
    Province.JIANGXI: "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    Province.SHANDONG: "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 "
    "滨州 菏泽",
    Province.HENAN: "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 "
    "信阳 周口 驻马店",
    Province.HUBEI: "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州",
    Province.HUNAN: "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底",
    Province.GUANGDONG: "广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 "
    "河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    Province.GUANGXI: "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 "
    "崇左 凭祥",
    Province.HAINAN: "海口 三亚 儋州 琼海 文昌 万宁 东方",
    Province.CHONGQING: "万州 涪陵 江津 永川 璧山 长寿 綦江 大足 荣昌 铜梁 合川 南川",
    Province.SICHUAN: "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 "
    "广安 达州 雅安 巴中 资阳",
    Province.GUIZHOU: "贵阳 六盘水 遵义 安顺 毕节 铜仁 凯里 都匀 兴义",
    Province.YUNNAN: "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 蒙自 瑞丽 景洪 大理",
    Province.XIZANG: "拉萨 日喀则 昌都 林芝 山南 那曲",
    Province.SHAANXI: "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛",
    Province.GANSU: "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南",
    Province.QINGHAI: "西宁 海东 格尔木 德令哈",
    Province.NINGXIA: "银川 石嘴山 吴忠 固原 中卫",
    Province.XINJIANG: "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 库尔勒 阿克苏 喀什 伊宁 石河子 "
    "奎屯 霍尔果斯 阿拉山口 博乐 塔城",
}
PLACES = {province: names.split() for province, names in PLACES.items()}


def city_name(province, place):
    """The `city` field of a zone in `place`: 苏州市, or 闵行区 in a municipality."""
    return place + ("区" if province in MUNICIPALITIES else "市")

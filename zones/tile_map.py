"""The directory's map: one equal tile per provincial-level region in its rough place.

Tiles, not a drawn map: a published map of China's borders needs an approved 审图号. The
counts are the province facet's (zones per province under the other filters), so the map
costs no query of its own and agrees with the list a tile links to.
"""

from dataclasses import dataclass
from math import ceil

from django.utils.http import urlencode

from zones.choices import Province

# Province -> (row, column, short name) on an 8 × 8 grid, north at the top.
GRID = {
    Province.HEILONGJIANG: (0, 7, "黑龙江"),
    Province.XINJIANG: (1, 0, "新疆"),
    Province.NEIMENGGU: (1, 4, "内蒙古"),
    Province.BEIJING: (1, 5, "北京"),
    Province.LIAONING: (1, 6, "辽宁"),
    Province.JILIN: (1, 7, "吉林"),
    Province.GANSU: (2, 2, "甘肃"),
    Province.NINGXIA: (2, 3, "宁夏"),
    Province.SHANXI: (2, 4, "山西"),
    Province.HEBEI: (2, 5, "河北"),
    Province.TIANJIN: (2, 6, "天津"),
    Province.XIZANG: (3, 0, "西藏"),
    Province.QINGHAI: (3, 1, "青海"),
    Province.SHAANXI: (3, 3, "陕西"),
    Province.HENAN: (3, 4, "河南"),
    Province.SHANDONG: (3, 5, "山东"),
    Province.SICHUAN: (4, 2, "四川"),
    Province.CHONGQING: (4, 3, "重庆"),
    Province.HUBEI: (4, 4, "湖北"),
    Province.ANHUI: (4, 5, "安徽"),
    Province.JIANGSU: (4, 6, "江苏"),
    Province.SHANGHAI: (4, 7, "上海"),
    Province.YUNNAN: (5, 2, "云南"),
    Province.GUIZHOU: (5, 3, "贵州"),
    Province.HUNAN: (5, 4, "湖南"),
    Province.JIANGXI: (5, 5, "江西"),
    Province.ZHEJIANG: (5, 6, "浙江"),
    Province.GUANGXI: (6, 3, "广西"),
    Province.GUANGDONG: (6, 4, "广东"),
    Province.FUJIAN: (6, 5, "福建"),
    Province.TAIWAN: (6, 6, "台湾"),
    Province.HAINAN: (7, 3, "海南"),
    Province.MACAO: (7, 4, "澳门"),
    Province.HONGKONG: (7, 5, "香港"),
}
BUCKETS = 4  # colour steps above "none", as classes tile-b0 … tile-b4


@dataclass
class Tile:
    province: str
    short_name: str
    row: int
    column: int
    count: int
    bucket: int
    href: str
    selected: bool


@dataclass
class Step:
    bucket: int
    low: int
    high: int


def tiles(province_facet, active, base_url):
    """The 34 tiles and the legend's steps, the colours spread over 1 … the largest count."""
    options = {option.value: option for _, group in province_facet.groups for option in group}
    largest = max((option.count for option in options.values()), default=0)

    def bucket(count):
        return ceil(BUCKETS * count / largest) if count else 0

    kept = {name: value for name, value in active.items() if name != "province"}
    result = []
    for province, (row, column, short_name) in GRID.items():
        option = options[province.value]
        href = f"{base_url}?{urlencode({**kept, 'province': province.value})}#zone-results"
        result.append(
            Tile(
                province.value,
                short_name,
                row,
                column,
                option.count,
                bucket(option.count),
                href,
                option.selected,
            )
        )
    steps = []
    for step in range(1, BUCKETS + 1):
        low, high = largest * (step - 1) // BUCKETS + 1, largest * step // BUCKETS
        if low <= high:
            steps.append(Step(step, low, high))
    return result, steps

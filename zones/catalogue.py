"""Reading the national development-zone catalogue (中国开发区审核公告目录)."""

import csv
import datetime
import re
from decimal import Decimal, InvalidOperation

COLUMNS = {
    "code": "代码",
    "name": "开发区名称",
    "province": "省份",
    "level": "级别",
    "kind": "类型",
    "approved": "批准时间",
    "area": "核准面积（公顷）",
    "industries": "主导产业",
}


def parse_year_month(text):
    """'1994.08', '1994-8', '1994年8月' -> date(1994, 8, 1); '' -> None."""
    text = (text or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?(?:[.\-/]\d{1,2}日?)?", text)
    if not match:
        raise ValueError(f"无法识别的批准时间：{text}")
    return datetime.date(int(match[1]), int(match[2]), 1)


def parse_area(text):
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"无法识别的面积：{text}") from None


def read_rows(path):
    """Yield (row number, fields) for each zone row of a catalogue CSV."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            yield number, {key: (row.get(column) or "").strip() for key, column in COLUMNS.items()}

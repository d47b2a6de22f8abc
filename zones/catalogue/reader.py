"""The catalogue's two layouts, read into one kind of row.

- One row per zone with 省份, 级别, 类型 columns (the sample's layout).
- The published catalogue: tables under heading rows (表一 国家级开发区, 一、北京市,
  （一）经济技术开发区 …), each table with its own column header row.

A column wins over a heading. A heading replaces the heading of its own kind and
clears the ones nested under it, so both "level > province > kind" and
"province > level > kind" nestings read right.
"""

import re
from dataclasses import dataclass, field

from zones.catalogue.files import CatalogueError, read_table
from zones.catalogue.values import is_kind_text, level_from_text, split_province, squeeze

COLUMN_LABELS = {
    "code": {"代码", "开发区代码", "目录代码", "编码"},
    "name": {"开发区名称", "名称"},
    "short_name": {"简称", "开发区简称"},
    "province": {"省份", "省区市", "省（区、市）", "所在省份", "所在地区", "地区"},
    "level": {"级别", "开发区级别"},
    "kind": {"类型", "开发区类型"},
    "approved": {"批准时间", "批准日期", "设立时间"},
    "area": {"核准面积（公顷）", "核准面积", "面积（公顷）"},
    "industries": {"主导产业"},
}
HEADING_KEYS = ("level", "province", "kind")

_ENUMERATOR = re.compile(
    r"^(?:表[一二三四五六七八九十\d]+|第?[一二三四五六七八九十百\d]+(?:部分|[、.])"
    r"|[（(][一二三四五六七八九十\d]+[)）])[:：、.]?"
)
_COUNT = re.compile(r"(?:[（(](?:共)?\d+[家个][)）]|共\d+[家个])$")


def where(sheet, number):
    return f"工作表「{sheet}」第{number}行" if sheet else f"第{number}行"


@dataclass
class CatalogueRow:
    """A zone row: text from its own columns, and from the headings above it."""

    sheet: str
    number: int
    columns: dict
    headings: dict = field(default_factory=dict)

    @property
    def where(self):
        return where(self.sheet, self.number)

    def value(self, key):
        return self.columns.get(key) or self.headings.get(key, "")


def column_key(label):
    label = squeeze(label).replace("(", "（").replace(")", "）")
    return next((key for key, labels in COLUMN_LABELS.items() if label in labels), None)


def parse_heading(text):
    """'一、北京市（3家）' -> {'province': '北京市'}; None when `text` is no heading.

    A province and a kind alone ('北京经济技术开发区') read as a zone's name unless
    numbering or a count marks the line as a heading.
    """
    text = squeeze(text)
    marked = False
    while match := _ENUMERATOR.match(text):
        text, marked = text[match.end() :], True
    text, counted = _COUNT.subn("", text)
    found = {}
    for word in ("国家级", "省级"):
        if word in text:
            found["level"] = level_from_text(word)
            text = text.replace(word, "")
    province, text = split_province(text)
    if province:
        found["province"] = province.value
    if is_kind_text(text):
        found["kind"] = text
    elif text not in ("", "开发区", "开发区目录"):
        return None
    if not found or ("province" in found and "kind" in found and not (marked or counted)):
        return None
    return found


class CatalogueReader:
    """Iterate the zone rows of a catalogue file.

    Lines that are neither zones, headings nor column headers (the title, notes) are
    collected in `ignored` as (where, text), for the importer to show.
    """

    def __init__(self, path):
        self.path = path
        self.ignored = []

    def __iter__(self):
        columns, headings, current_sheet, found_header = None, {}, None, False
        for sheet, number, cells in read_table(self.path):
            if sheet != current_sheet:  # a new sheet starts afresh; its name may be a heading
                columns, headings, current_sheet = None, {}, sheet
                nest(headings, parse_heading(sheet) or {})
            filled = [(i, cell) for i, cell in enumerate(cells) if cell]
            if not filled:
                continue
            header = {i: column_key(cell) for i, cell in filled if column_key(cell)}
            if "name" in header.values() and len(header) >= 2:
                columns, found_header = header, True
                continue
            if len(filled) == 1:
                index, text = filled[0]
                heading = None if text.isdigit() else parse_heading(text)
                if heading is not None:
                    nest(headings, heading)
                    continue
                # A lone 序号 or a lone name is a zone row with the rest missing.
                is_row = columns is not None and (text.isdigit() or columns.get(index) == "name")
            else:
                is_row = columns is not None
            if not is_row:
                self.ignored.append((where(sheet, number), " ".join(c for _, c in filled)))
                continue
            values = {key: cells[i] for i, key in columns.items() if i < len(cells)}
            yield CatalogueRow(sheet, number, values, dict(headings))
        if not found_header:
            raise CatalogueError(
                "找不到表头行：需要一行列名，至少含「开发区名称」，如 "
                "序号、代码、开发区名称、省份、级别、类型、批准时间、核准面积（公顷）、主导产业。"
            )


def nest(headings, found):
    """Set the headings in `found`; each clears the same kind and those nested under it."""
    for key in HEADING_KEYS:
        if key in found:
            if key in headings:
                keys = list(headings)
                for later in keys[keys.index(key) :]:
                    del headings[later]
            headings[key] = found[key]

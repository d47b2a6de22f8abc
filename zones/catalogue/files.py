"""Catalogue files as rows of text cells: CSV (any encoding Excel writes) or XLSX.

The file's kind is read from its first bytes, not its name, so a mislabelled file
gets a clear message instead of garbage rows.
"""

import csv
import datetime
import io
from pathlib import Path

from openpyxl import load_workbook


class CatalogueError(Exception):
    """The file as a whole cannot be read."""


ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .et) format


def read_table(path):
    """Yield (sheet name, row number, [cell text]) for every row of the file.

    The sheet name is "" for CSV. Row numbers count from 1, as a spreadsheet shows them.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogueError(f"无法读取文件 {path}：{error.strerror or error}") from None
    if data.startswith(OLE_MAGIC):
        raise CatalogueError(
            "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。"
        )
    if data.startswith(ZIP_MAGIC):
        yield from _xlsx_rows(data)
    else:
        yield from _csv_rows(data)


def _decode(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)  # Excel's "Unicode text"
    elif b"\x00" in data[:4096]:
        raise CatalogueError("文件不是 CSV 文本，也不是 XLSX 表格。")
    else:
        encodings = ("utf-8-sig", "gb18030")  # GB18030: Excel's "CSV" on Chinese Windows
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogueError("无法识别文件编码，请另存为 UTF-8 编码的 CSV。")


def _csv_rows(data):
    text = _decode(data)
    head = text[:4000]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        yield "", number, [cell.strip() for cell in cells]


def _xlsx_rows(data):
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign zip
        raise CatalogueError(f"无法打开 XLSX 文件：{error}") from None
    try:
        for sheet in workbook.worksheets:
            for number, row in enumerate(sheet.iter_rows(), start=1):
                yield sheet.title, number, [_cell_text(cell) for cell in row]
    finally:
        workbook.close()


def _cell_text(cell):
    """A cell as the text a person reads in it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        # A date cell shown as 年月 (e.g. "yyyy.mm") means only the month is known.
        return value.strftime("%Y-%m-%d" if "d" in (cell.number_format or "").lower() else "%Y-%m")
    if isinstance(value, float):
        # Shortest form: 1994.08 stays "1994.08", 3980.0 becomes "3980".
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()

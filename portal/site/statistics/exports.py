"""A statistics table as a CSV or XLSX download; text cells that a spreadsheet would run
as a formula (a search term typed as "=…") are neutralised first."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from portal.core.spreadsheets import neutralised

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def cells(table):
    yield table.headers
    for row in table.rows:
        yield [neutralised(cell) for cell in row]


def as_csv(table):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerows(cells(table))
    # The byte-order mark makes Excel read the Chinese as UTF-8.
    return "\ufeff" + output.getvalue()


def as_xlsx(table, period_title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title[:31]
    sheet.append([f"{table.title}：{period_title}"])
    for row in cells(table):
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def download(table, format, period, period_title):
    content = as_csv(table) if format == "csv" else as_xlsx(table, period_title)
    response = HttpResponse(content, content_type=FORMATS[format])
    filename = f"statistics-{table.name}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""Cells a spreadsheet must not run: CSV/XLSX formula injection.

A cell that starts with =, +, -, @, a tab or a carriage return is a formula to Excel and
WPS (`=HYPERLINK(...)` in a 留言 name becomes a link that leaks data when clicked). Every
export writes such text with a leading apostrophe, which shows it as typed, as OWASP
advises.
"""

from wagtail.snippets.views.snippets import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised_row(row):
    return {name: neutralised(value) for name, value in row.items()}


class SafeExportIndexView(IndexView):
    """A snippet listing whose CSV and XLSX downloads never hold a formula."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralised(super().preprocess_field_value(field, value, export_format))

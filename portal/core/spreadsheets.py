"""Cells a spreadsheet must not run: CSV/XLSX formula injection.

A cell that starts with =, +, -, @, a tab or a carriage return is a formula to Excel and
WPS (`=HYPERLINK(...)` in a 留言 name becomes a link that leaks data when clicked). Every
export writes such text with a leading apostrophe, which shows it as typed, as OWASP
advises. The personal-data export calls `neutralised_row`; every download of the Wagtail
admin (reports, page listing, snippets, form submissions) goes through `neutralised` by
way of portal.compat.clean_every_exported_cell, set up when the app loads.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised_row(row):
    return {name: neutralised(value) for name, value in row.items()}

"""An HTML table from mammoth as the value of Wagtail's TableBlock, merged cells kept.

Mammoth writes a merged cell once, with rowspan/colspan; TableBlock (Handsontable)
keeps a full grid, the span on the top-left cell (`mergeCells`) and the cells it covers
marked hidden (`cell`), so the page renders the same table and the editor can still
change it.
"""

MAX_ROWS = 500
MAX_COLUMNS = 30


def cell_text(cell):
    lines = [" ".join(p.get_text(" ", strip=True).split()) for p in cell.find_all("p")]
    if not lines:
        lines = [" ".join(cell.get_text(" ", strip=True).split())]
    return "\n".join(line for line in lines if line)


def span(cell, name, most):
    try:
        return max(1, min(int(cell.get(name, 1)), most))
    except ValueError:
        return 1


def table_value(table):
    """(TableBlock value, number of rows cut off) for a mammoth <table>."""
    grid, merges, hidden = {}, [], []
    rows = table.find_all("tr")
    cut = max(0, len(rows) - MAX_ROWS)
    rows = rows[:MAX_ROWS]
    header = bool(rows) and all(cell.name == "th" for cell in rows[0].find_all(["td", "th"]))
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (row_index, column) in grid:
                column += 1
            if column >= MAX_COLUMNS:
                break
            rowspan = span(cell, "rowspan", len(rows) - row_index)
            colspan = span(cell, "colspan", MAX_COLUMNS - column)
            for r in range(row_index, row_index + rowspan):
                for c in range(column, column + colspan):
                    grid[(r, c)] = ""
                    if (r, c) != (row_index, column):
                        hidden.append({"row": r, "col": c, "hidden": True})
            grid[(row_index, column)] = cell_text(cell)
            if rowspan > 1 or colspan > 1:
                merges.append(
                    {"row": row_index, "col": column, "rowspan": rowspan, "colspan": colspan}
                )
            column += colspan
    width = max((c for _, c in grid), default=-1) + 1
    data = [[grid.get((r, c)) or "" for c in range(width)] for r in range(len(rows))]
    value = {
        "data": data,
        "mergeCells": merges,
        "cell": hidden,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_header_choice": "row" if header else "neither",
        "table_caption": "",
    }
    return value, cut

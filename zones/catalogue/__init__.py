"""Reading the national development-zone catalogue (中国开发区审核公告目录).

files.py turns a CSV or XLSX file into rows of text, reader.py finds the zone rows in
either layout, values.py reads each value, records.py checks a row as a whole.
"""

from zones.catalogue.files import CatalogueError
from zones.catalogue.reader import CatalogueReader, CatalogueRow
from zones.catalogue.records import RowError, ZoneRecord, to_record

__all__ = [
    "CatalogueError",
    "CatalogueReader",
    "CatalogueRow",
    "RowError",
    "ZoneRecord",
    "to_record",
]

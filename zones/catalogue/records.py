"""A catalogue row checked and turned into the values of a zone page."""

from dataclasses import dataclass

from zones.catalogue.values import (
    clean_name,
    kind_from_name,
    kind_from_text,
    level_from_text,
    parse_approval,
    parse_area,
    province_from_text,
    squeeze,
)
from zones.choices import LEVEL_OF_KIND, kind_level_error
from zones.models import ZonePage


class RowError(ValueError):
    """A row that cannot be imported; the message lists every reason."""


@dataclass(frozen=True)
class ZoneRecord:
    code: str
    name: str
    short_name: str
    province: str
    level: str
    kind: str
    approved_on: object  # datetime.date or None
    approved_precision: str
    area_hectares: object  # Decimal or None
    industries: str

    def page_values(self):
        """Field values for the zone page; what the catalogue leaves empty is left out,
        so an import never erases what an editor filled in."""
        values = {
            "title": self.name,
            "short_name": self.short_name,
            "code": self.code,
            "province": self.province,
            "level": self.level,
            "kind": self.kind,
            "area_hectares": self.area_hectares,
            "industries": self.industries,
        }
        if self.approved_on:
            values |= {
                "approved_on": self.approved_on,
                "approved_precision": self.approved_precision,
            }
        return {name: value for name, value in values.items() if value not in ("", None)}


def to_record(row):
    """Check `row` (a CatalogueRow) and return its ZoneRecord, or raise RowError."""
    reasons = []
    name = clean_name(row.value("name"))
    if not name:
        reasons.append("缺少开发区名称")

    province_text = row.value("province")
    province = province_from_text(province_text)
    if not province:
        reasons.append(f"未知省份「{province_text}」" if province_text else "缺少省份")

    level, kind = read_level_and_kind(row, name, reasons)

    values = {
        "code": squeeze(row.value("code")).upper(),
        "short_name": squeeze(row.value("short_name")),
        "industries": row.value("industries"),
    }
    approved_on, precision = None, ""
    try:
        approved_on, precision = parse_approval(row.value("approved"))
    except ValueError as error:
        reasons.append(str(error))
    try:
        area = parse_area(row.value("area"))
    except ValueError as error:
        reasons.append(str(error))
        area = None

    for field_name, value in [("title", name), *values.items()]:
        field = ZonePage._meta.get_field(field_name)
        if len(value) > field.max_length:
            reasons.append(f"{field.verbose_name}超过 {field.max_length} 个字")
    if reasons:
        raise RowError("；".join(reasons))
    return ZoneRecord(
        code=values["code"],
        name=name,
        short_name=values["short_name"],
        province=str(province),
        level=str(level),
        kind=str(kind),
        approved_on=approved_on,
        approved_precision=precision or "",
        area_hectares=area,
        industries=values["industries"],
    )


def read_level_and_kind(row, name, reasons):
    """The level and kind of `row` from its columns or headings, else from each other
    (经济技术开发区 is always national) or from the end of the name."""
    level_text, kind_text = row.value("level"), row.value("kind")
    level = level_from_text(level_text)
    kind = kind_from_text(kind_text, level) if kind_text else None
    if kind_text and kind is None:
        reasons.append(f"未知类型「{kind_text}」")
    if level is None and kind and not level_text:
        level = LEVEL_OF_KIND[kind]
    if level is None:
        reasons.append(f"未知级别「{level_text}」" if level_text else "缺少级别")
    elif not kind_text and name:
        kind = kind_from_name(name, level)
    if message := kind_level_error(level, kind):
        reasons.append(message)
    return level, kind

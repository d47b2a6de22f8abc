"""Creating and updating zone pages from the catalogue, each row in its own transaction.

A zone is found by its catalogue code, else by its full name, so importing the same
file again changes nothing. Pages are published with a revision, as an editor would;
an editor's unpublished draft keeps its own edits, with the catalogue's values applied.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction

from portal.core.tree import add_child_page
from zones.catalogue import CatalogueReader, RowError, to_record
from zones.models import ZonePage


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with bad data, reported and not written
    failed: int = 0  # rows the site refused to save
    problems: list = field(default_factory=list)  # [(where, reason)]
    ignored: list = field(default_factory=list)  # [(where, text)] of lines that are no rows

    @property
    def ok(self):
        return not (self.skipped or self.failed)

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged + self.skipped + self.failed

    def summary(self):
        return (
            f"共 {self.rows} 行：新建 {self.created}，更新 {self.updated}，未变 {self.unchanged}，"
            f"跳过 {self.skipped}，失败 {self.failed}"
        )


class Conflict(Exception):
    """The row names a zone that cannot be told apart from another one."""


class ZoneImporter:
    progress_every = 100

    def __init__(self, index, dry_run=False, log=None):
        self.index = index
        self.dry_run = dry_run
        self.log = log or (lambda message: None)
        self.report = ImportReport()
        self.seen = {}  # code or name -> where it was first imported, in this file

    def run(self, path):
        """Import every zone row of the file at `path`; return the ImportReport.

        Raises CatalogueError when the file as a whole cannot be read.
        """
        reader = CatalogueReader(path)
        for row in reader:
            self.import_row(row)
            if self.report.rows % self.progress_every == 0:
                self.log(f"已处理 {self.report.rows} 行……")
        self.report.ignored = reader.ignored
        return self.report

    def import_row(self, row):
        try:
            record = to_record(row)
            keys = [key for key in (record.code, record.name) if key]
            if first := next((self.seen[key] for key in keys if key in self.seen), None):
                raise RowError(f"与{first}是同一开发区（代码或名称相同）")
            with transaction.atomic():
                action = self.save(record)
        except (RowError, Conflict) as error:
            return self.problem("skipped", row.where, str(error))
        except ValidationError as error:
            return self.problem("failed", row.where, describe(error))
        except DatabaseError as error:
            return self.problem("failed", row.where, f"数据库错误：{error}")
        for key in keys:
            self.seen.setdefault(key, row.where)
        setattr(self.report, action, getattr(self.report, action) + 1)

    def problem(self, outcome, where, reason):
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        self.report.problems.append((where, reason))
        self.log(f"{where}：{'跳过' if outcome == 'skipped' else '失败'}，{reason}")

    def find(self, record):
        """The existing page for `record`, by code, else by name; None for a new zone."""
        if record.code:
            page = ZonePage.objects.filter(code=record.code).first()
            if page:
                return page
        namesakes = list(ZonePage.objects.filter(title=record.name)[:2])
        if len(namesakes) > 1:
            raise Conflict(f"已有多个名为「{record.name}」的开发区，请先在后台合并")
        if namesakes and record.code and namesakes[0].code not in ("", record.code):
            raise Conflict(f"已有同名开发区，但其代码是 {namesakes[0].code}，不是 {record.code}")
        return namesakes[0] if namesakes else None

    def save(self, record):
        """Create or update the zone page; return 'created', 'updated' or 'unchanged'."""
        values = record.page_values()
        page = self.find(record)
        if page is None:
            if not self.dry_run:
                page = ZonePage(live=False, **values)
                add_child_page(self.index, page)
                page.save_revision().publish()
            return "created"
        # A page that is not live shows its latest revision to editors: compare with that.
        current = page if page.live else page.get_latest_revision_as_object()
        if all(getattr(current, name) == value for name, value in values.items()):
            return "unchanged"
        if not self.dry_run:
            update(page, values)
        return "updated"


def update(page, values):
    """Publish `values` on a live page, keeping an editor's pending draft on top of them;
    a page an editor has unpublished gets a new draft, and stays unpublished."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    if page.live:
        set_values(page, values)
        page.save_revision().publish()
    if draft is not None or not page.live:
        draft = draft or page
        set_values(draft, values)
        draft.save_revision()


def set_values(page, values):
    for name, value in values.items():
        setattr(page, name, value)


def describe(error):
    """A ValidationError as one line, with the fields' Chinese names."""
    if not hasattr(error, "message_dict"):
        return "；".join(error.messages)
    parts = []
    for name, messages in error.message_dict.items():
        try:
            label = ZonePage._meta.get_field(name).verbose_name
        except FieldDoesNotExist:  # __all__: errors of the whole page
            label = ""
        parts.append(f"{label}：{'，'.join(messages)}" if label else "，".join(messages))
    return "；".join(parts)

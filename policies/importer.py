"""Creating and updating policy documents from a list (CSV or XLSX), each row in its own
transaction, with the zone catalogue's rules (zones/importer.py): a bad row is reported
and skipped, the others are written, importing the same file again changes nothing.

A document is found by its 发文字号 in normal form (policies.numbers), else by its title
when it has no number. 发文机关 must be in the managed list, so a typing error cannot split
one office in two; 修订/废止 name older documents by their 发文字号.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from policies import numbers
from policies.models import (
    ATTACHMENT_KINDS,
    DocumentKind,
    Issuer,
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyLink,
)
from policies.validity import LinkKind
from portal.core.tree import add_child_page
from portal.core.uploads import content_matches, extension
from zones.importer import ImportReport, set_values

# Column headers, Chinese or as in the shared reference file, to field names.
HEADERS = {
    "title": "title",
    "标题": "title",
    "document_number": "doc_number",
    "发文字号": "doc_number",
    "issuers": "issuers",
    "发文机关": "issuers",
    "date_written": "written_on",
    "成文日期": "written_on",
    "date_published": "published_on",
    "发布日期": "published_on",
    "kind": "kind",
    "文种": "kind",
    "topic": "topic",
    "主题分类": "topic",
    "index_number": "index_number",
    "索引号": "index_number",
    "expires": "expires_on",
    "有效期至": "expires_on",
    "summary": "summary",
    "摘要": "summary",
    "revises": "revises",
    "修订": "revises",
    "repeals": "repeals",
    "废止": "repeals",
    "attachment": "attachment",
    "附件": "attachment",
}
REQUIRED = ("title", "issuers", "written_on", "kind")
LIST_SEPARATORS = re.compile(r"[;；、,，\n]+")
MAX_ROWS = 20_000


class ListError(Exception):
    """The file as a whole cannot be read."""


class RowError(Exception):
    """The row's data is wrong; the message says how, in Chinese."""


@dataclass
class Row:
    where: str
    values: dict = field(default_factory=dict)


def read_rows(path):
    """Rows of the CSV (UTF-8 or GBK) or XLSX file at `path`, keyed by field name."""
    path = Path(path)
    if not path.is_file():
        raise ListError(f"找不到文件：{path}")
    if path.suffix.lower() == ".xlsx":
        table = xlsx_rows(path)
    elif path.suffix.lower() == ".csv":
        table = csv_rows(path)
    else:
        raise ListError("只能导入 CSV 或 XLSX 文件。")
    header, *body = table or [[]]
    names = [HEADERS.get(str(cell or "").strip().lower()) for cell in header]
    if "title" not in names:
        raise ListError("第 1 行应为列名，至少要有“标题”（title）列。")
    for number, cells in enumerate(body[:MAX_ROWS], start=2):
        values = {
            name: str(cell).strip() if cell is not None else ""
            for name, cell in zip(names, cells, strict=False)
            if name
        }
        if any(values.values()):
            yield Row(f"第 {number} 行", values)


def csv_rows(path):
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(raw.decode(encoding).splitlines()))
        except UnicodeDecodeError:
            continue
    raise ListError("CSV 文件不是 UTF-8 或 GBK 编码。")


def xlsx_rows(path):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ListError(f"无法读取 XLSX 文件：{error}") from None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def parse_date(text, label, required=False):
    if not text:
        if required:
            raise RowError(f"缺少{label}")
        return None
    text = text.split(" ")[0]  # an XLSX date cell reads as "2017-01-19 00:00:00"
    normal = re.sub(r"[年月/.]", "-", text).rstrip("日")
    try:
        return datetime.date.fromisoformat("-".join(part.zfill(2) for part in normal.split("-")))
    except ValueError:
        raise RowError(f"{label}“{text}”不是日期，应如 2017-01-19") from None


def split_list(text):
    return [part.strip() for part in LIST_SEPARATORS.split(text or "") if part.strip()]


class PolicyImporter:
    def __init__(self, library, base_dir=None, dry_run=False, log=None):
        self.library = library
        self.base_dir = Path(base_dir or ".")
        self.dry_run = dry_run
        self.log = log or (lambda message: None)
        self.report = ImportReport()
        self.seen = {}  # normal number or title -> where it was first imported, in this file

    def run(self, path):
        """Import every row of the file at `path`; return the ImportReport.

        Raises ListError when the file as a whole cannot be read."""
        self.base_dir = Path(path).parent
        for row in read_rows(path):
            self.import_row(row)
        return self.report

    def import_row(self, row):
        try:
            record = self.to_record(row.values)
            key = record["doc_number_key"] or record["title"]
            if key in self.seen:
                raise RowError(f"与{self.seen[key]}是同一文件（发文字号相同）")
            written = []
            try:
                with transaction.atomic():
                    action = self.save(record, written)
            except Exception:
                for stored in written:  # nothing half written: the row's files go too
                    stored.delete(save=False)
                raise
        except RowError as error:
            return self.problem("skipped", row.where, str(error))
        except ValidationError as error:
            return self.problem("failed", row.where, "；".join(error.messages))
        except DatabaseError as error:
            return self.problem("failed", row.where, f"数据库错误：{error}")
        self.seen[key] = row.where
        setattr(self.report, action, getattr(self.report, action) + 1)

    def problem(self, outcome, where, reason):
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        self.report.problems.append((where, reason))
        self.log(f"{where}：{'跳过' if outcome == 'skipped' else '失败'}，{reason}")

    def to_record(self, values):
        missing = [name for name in REQUIRED if not values.get(name)]
        labels = {"title": "标题", "issuers": "发文机关", "written_on": "成文日期", "kind": "文种"}
        if missing:
            raise RowError("缺少" + "、".join(labels[name] for name in missing))
        number = values.get("doc_number", "")
        try:
            numbers.check(number)
        except ValidationError as error:
            raise RowError(error.messages[0]) from None
        names = split_list(values["issuers"])
        issuers = {issuer.name: issuer for issuer in Issuer.objects.filter(name__in=names)}
        if unknown := [name for name in names if name not in issuers]:
            raise RowError(
                "未知发文机关："
                + "、".join(f"“{name}”" for name in unknown)
                + "。请先在后台“发文机关”列表中添加，或改正名称"
            )
        if values["kind"] not in DocumentKind.values:
            raise RowError(
                f"文种“{values['kind']}”不在列表中，可用：{'、'.join(DocumentKind.values)}"
            )
        written_on = parse_date(values["written_on"], "成文日期", required=True)
        published_on = parse_date(values.get("published_on"), "发布日期") or written_on
        return {
            "title": values["title"][:255],
            "doc_number": number,
            "doc_number_key": numbers.normalised(number),
            "issuers": [issuers[name] for name in names],
            "written_on": written_on,
            "publish_time": timezone.make_aware(
                datetime.datetime.combine(published_on, datetime.time(9))
            ),
            "kind": values["kind"],
            "topic": values.get("topic", "")[:50],
            "index_number": values.get("index_number", "")[:60],
            "expires_on": parse_date(values.get("expires_on"), "有效期至"),
            "summary": values.get("summary", "")[:500],
            "links": self.links(values),
            "attachment": self.attachment_path(values.get("attachment", "")),
        }

    def links(self, values):
        """[(older document, kind)] named in the 修订 and 废止 columns."""
        links = []
        for column, kind in (("revises", LinkKind.REVISES), ("repeals", LinkKind.REPEALS)):
            for number in split_list(values.get(column)):
                older = PolicyDocumentPage.objects.filter(
                    doc_number_key=numbers.normalised(number)
                ).first()
                if older is None:
                    raise RowError(f"{LinkKind(kind).label}的文件“{number}”不在库中，请先导入它")
                links.append((older, kind))
        return links

    def attachment_path(self, text):
        if not text:
            return None
        if re.match(r"^[a-z]+://", text, re.IGNORECASE):
            raise RowError("附件须为本机文件路径，不能从网址下载；请先下载后填写路径")
        path = (self.base_dir / text).resolve()
        if not path.is_file():
            raise RowError(f"找不到附件文件：{text}")
        kind = extension(path.name)
        if kind not in ATTACHMENT_KINDS:
            raise RowError(f"附件只能是 PDF、OFD、DOC 或 DOCX：{text}")
        with path.open("rb") as file:
            if not content_matches(file, kind):
                raise RowError(f"附件“{text}”的内容不是有效的 {kind.upper()} 文件")
        return path

    def find(self, key, title):
        """The document of this 发文字号 anywhere in the site (numbers are unique), else one
        of this title without a number in the library; None for a new document."""
        if key:
            return PolicyDocumentPage.objects.filter(doc_number_key=key).first()
        documents = PolicyDocumentPage.objects.child_of(self.library)
        return documents.filter(title=title, doc_number_key="").first()

    def save(self, record, written):
        """Create or update the document; return 'created', 'updated' or 'unchanged'."""
        record = dict(record)
        issuers, links, attachment = (
            record.pop("issuers"),
            record.pop("links"),
            record.pop("attachment"),
        )
        page = self.find(record.pop("doc_number_key"), record["title"])
        if page is not None and self.unchanged(page, record, issuers, links, attachment):
            return "unchanged"
        if self.dry_run:
            return "created" if page is None else "updated"
        created = page is None
        if created:
            page = PolicyDocumentPage(live=False, **record)
            page.full_clean(exclude=["path", "depth", "slug"])
            add_child_page(self.library, page)
        else:
            set_values(page, record)
        page.issuers = issuers
        page.check_links([older for older, _ in links])
        page.replaces_links = [PolicyLink(target=older, kind=kind) for older, kind in links]
        if attachment is not None:
            page.attachments = [
                PolicyAttachment(document=stored_document(attachment, page, written))
            ]
        page.full_clean()
        page.save_revision().publish()
        return "created" if created else "updated"

    def unchanged(self, page, record, issuers, links, attachment):
        if attachment is not None:
            return False  # a file named again is stored again: its content may have changed
        return (
            all(getattr(page, name) == value for name, value in record.items())
            and {i.pk for i in page.issuers.all()} == {i.pk for i in issuers}
            and {(link.target_id, link.kind) for link in page.replaces_links.all()}
            == {(older.pk, kind) for older, kind in links}
        )


def stored_document(path, page, written):
    """The file saved as a Wagtail document; its stored name added to `written`, so a
    row that fails later removes it."""
    document = get_document_model()(title=f"{page.title}（附件）"[:255])
    with path.open("rb") as file:
        document.file.save(path.name, File(file), save=False)
    written.append(document.file)
    document.save()
    return document

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from news.legacy.importer import Importer, ensure_column
from news.legacy.reader import WORD_SUFFIXES, article_files, read_article
from news.legacy.record import UnreadableFile, normalise_url
from news.legacy.word.convert import read_word
from news.legacy.word.draft import create_draft
from news.models import NewsCategoryPage, NewsIndexPage

ACTIONS = ("created", "updated", "skipped", "failed")


class Command(BaseCommand):
    help = (
        "Import old article pages (saved HTML pages or plain-text captures; files or folders) "
        "as published articles, with their date, view count, column, pictures and redirects "
        "from their old addresses. Running it again updates instead of duplicating. "
        "Word documents (.docx) become draft articles in --column, for an editor to publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--column",
            default=settings.LEGACY_IMPORT_COLUMN,
            help="column for pages without a breadcrumb and for Word documents: its title, "
            "page id or URL path such as /news/provincial-zones/ (default: %(default)s)",
        )
        parser.add_argument(
            "--redirect-from",
            action="append",
            default=[],
            metavar="URL",
            help="an old address of the article, a URL or a path from / "
            "(one file only; may be repeated)",
        )
        parser.add_argument(
            "--base-url",
            default="",
            metavar="URL",
            help="old address of the folder given, for site mirrors: "
            "each file's old URL is this plus its path in the folder",
        )
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")

    def handle(self, *args, paths, column, redirect_from, base_url, dry_run, **options):
        files = list(article_files(paths))
        if not files:
            raise CommandError("No article files (.txt, .htm, .html, …) found in the given paths.")
        if redirect_from and len(files) != 1:
            raise CommandError("--redirect-from needs exactly one file.")
        for url in redirect_from:
            if not normalise_url(url):
                raise CommandError(f"--redirect-from {url}: give an http(s) URL or a path from /.")
        importer = Importer(column, dry_run=dry_run)
        counts = dict.fromkeys(ACTIONS, 0)
        for path, root in files:
            if path.suffix.lower() in WORD_SUFFIXES:
                counts[self.import_word(path, column, dry_run)] += 1
                continue
            try:
                article = read_article(path, root, base_url, redirect_from)
                outcome = importer.run(article)
            except (UnreadableFile, ValidationError, DatabaseError, OSError, ValueError) as error:
                counts["failed"] += 1
                self.stderr.write(self.style.ERROR(f"failed   {path}: {reason(error)}"))
                continue
            counts[outcome.action] += 1
            self.stdout.write(self.describe(path, article, outcome))
            for warning in article.warnings:
                self.stdout.write(self.style.WARNING(f"         {warning}"))
        summary = ", ".join(f"{counts[action]} {action}" for action in ACTIONS)
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{prefix}{len(files)} files: {summary}.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} files failed to import.")

    def import_word(self, path, column, dry_run):
        """One Word document as a draft article; "created" or "failed"."""
        try:
            article = read_word(path.read_bytes(), path.name)
            target = find_column(column) if not dry_run else None
            page = create_draft(article, target) if not dry_run else None
        except (UnreadableFile, ValidationError, DatabaseError, OSError) as error:
            self.stderr.write(self.style.ERROR(f"failed   {path}: {reason(error)}"))
            return "failed"
        where = f"{page.url_path} (草稿, id {page.pk})" if page else f"{column} (new draft)"
        details = (
            f"  [{article.count('heading')} headings, {article.count('image')} images, "
            f"{article.count('table')} tables]"
        )
        label = f"created  {path} → {where}  {article.title}"
        self.stdout.write(self.style.SUCCESS(label) + details)
        for warning in article.warnings:
            self.stdout.write(self.style.WARNING(f"         {warning}"))
        return "created"

    def describe(self, path, article, outcome):
        page = outcome.page
        target = f"{outcome.column} (new page)"
        if page is not None:
            target = page.get_url() or page.url_path
        label = f"{outcome.action:<8} {path} → {target}  {article.title}"
        if outcome.action == "skipped":
            return f"{label}  (unchanged)"
        details = (
            f"  [{article.publish_time:%Y-%m-%d %H:%M}, {article.count('paragraph')} paragraphs, "
            f"{article.count('heading')} headings, {article.count('image')} images]"
        )
        return self.style.SUCCESS(label) + details


def reason(error):
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error) or type(error).__name__


def find_column(column):
    """The column given by page id, URL path or title; a title not found is created
    under the 资讯中心, as for old pages."""
    columns = NewsCategoryPage.objects.all()
    if column.isdigit():
        found = columns.filter(pk=int(column)).first()
    elif column.startswith("/"):
        path = "/" + column.strip("/") + "/"
        # url_path starts with the home page's slug; the address readers see does not.
        found = next((c for c in columns if c.url_path.endswith(path)), None)
    else:
        index = NewsIndexPage.objects.first()
        return ensure_column(index.title if index else "资讯中心", column)
    if found is None:
        raise UnreadableFile(f"找不到栏目：{column}")
    return found

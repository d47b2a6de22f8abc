from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from news.legacy.importer import Importer
from news.legacy.reader import article_files, read_article, site_templates
from news.legacy.record import UnreadableFile, normalise_url
from news.legacy.template import SINGLE_PAGE

ACTIONS = ("created", "updated", "skipped", "failed")


class Command(BaseCommand):
    help = (
        "Import old article pages (saved HTML pages or plain-text captures; files or folders) "
        "as published articles, with their date, view count, column, pictures and redirects "
        "from their old addresses. Running it again updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--column",
            default=settings.LEGACY_IMPORT_COLUMN,
            help="column for pages without a breadcrumb (default: %(default)s)",
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
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="list every line left out of each article's body, and why",
        )

    def handle(self, *args, paths, column, redirect_from, base_url, dry_run, verbose, **options):
        files = list(article_files(paths))
        if not files:
            raise CommandError("No article files (.txt, .htm, .html, …) found in the given paths.")
        if redirect_from and len(files) != 1:
            raise CommandError("--redirect-from needs exactly one file.")
        for url in redirect_from:
            if not normalise_url(url):
                raise CommandError(f"--redirect-from {url}: give an http(s) URL or a path from /.")
        importer = Importer(column, dry_run=dry_run)
        templates = site_templates(files)
        counts = dict.fromkeys(ACTIONS, 0)
        for path, root in files:
            try:
                template = templates.get(root, SINGLE_PAGE)
                article = read_article(path, root, base_url, redirect_from, template)
                outcome = importer.run(article)
            except (UnreadableFile, ValidationError, DatabaseError, OSError, ValueError) as error:
                counts["failed"] += 1
                self.stderr.write(self.style.ERROR(f"failed   {path}: {reason(error)}"))
                continue
            counts[outcome.action] += 1
            self.stdout.write(self.describe(path, article, outcome))
            for warning in article.warnings:
                self.stdout.write(self.style.WARNING(f"         {warning}"))
            for line in article.dropped if verbose else ():
                self.stdout.write(f"         未导入 {line}")
        summary = ", ".join(f"{counts[action]} {action}" for action in ACTIONS)
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{prefix}{len(files)} files: {summary}.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} files failed to import.")

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

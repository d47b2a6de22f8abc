import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from news.legacy.crawl import Crawl, State
from news.legacy.fetch import Fetcher, host_of
from news.legacy.importer import Importer, ensure_column
from news.legacy.reader import WORD_SUFFIXES, article_files, read_article, site_templates
from news.legacy.record import UnreadableFile, describe, normalise_url
from news.legacy.template import SINGLE_PAGE
from news.legacy.word.convert import read_word
from news.legacy.word.draft import create_draft
from news.models import NewsCategoryPage, NewsIndexPage

ACTIONS = ("created", "updated", "skipped", "failed")


class Command(BaseCommand):
    help = (
        "Import old article pages (saved HTML pages or plain-text captures; files or folders; "
        "or a whole old site with --crawl URL) as published articles, with their date, view "
        "count, column, pictures, attachments and redirects from their old addresses. Running "
        "it again updates instead of duplicating. "
        "Word documents (.docx) become draft articles in --column, for an editor to publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
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
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="list every line left out of each article's body, and why",
        )
        crawl = parser.add_argument_group("crawling an old site")
        crawl.add_argument(
            "--crawl",
            metavar="URL",
            help="a column listing or home page of the old site: follow its pages, "
            "import every article linked",
        )
        crawl.add_argument(
            "--limit", type=int, help="import at most this many new or changed articles"
        )
        crawl.add_argument(
            "--state",
            metavar="FILE",
            help="where the crawl remembers what it did (default: import_legacy-HOST.json)",
        )
        crawl.add_argument(
            "--delay", type=float, default=1.0, help="seconds between requests (default: 1)"
        )
        crawl.add_argument("--timeout", type=float, default=20.0, help="seconds (default: 20)")
        crawl.add_argument("--retries", type=int, default=3, help="per address (default: 3)")
        crawl.add_argument(
            "--allow-host",
            action="append",
            default=[],
            metavar="HOST",
            help="another host whose pages, pictures and files may be fetched (may be repeated)",
        )

    def handle(self, *args, paths, crawl, **options):
        if bool(paths) == bool(crawl):
            raise CommandError("Give files or folders, or --crawl URL (not both).")
        self.importer = Importer(options["column"], dry_run=options["dry_run"])
        self.verbose = options["verbose"]
        self.counts = dict.fromkeys(ACTIONS, 0)
        self.bar = None
        if crawl:
            self.crawl(crawl, **options)
        else:
            self.import_files(paths, **options)

    def import_files(self, paths, redirect_from, base_url, dry_run, **options):
        files = list(article_files(paths))
        if not files:
            raise CommandError("No article files (.txt, .htm, .html, …) found in the given paths.")
        if redirect_from and len(files) != 1:
            raise CommandError("--redirect-from needs exactly one file.")
        for url in redirect_from:
            if not normalise_url(url):
                raise CommandError(f"--redirect-from {url}: give an http(s) URL or a path from /.")
        templates = site_templates(files)
        for path, root in files:
            if path.suffix.lower() in WORD_SUFFIXES:
                self.import_word(path, options["column"], dry_run)
                continue
            try:
                template = templates.get(root, SINGLE_PAGE)
                article = read_article(path, root, base_url, redirect_from, template)
                outcome = self.importer.run(article)
            except (UnreadableFile, ValidationError, DatabaseError, OSError, ValueError) as error:
                self.report("failed", f"{path}: {describe(error)}")
                continue
            self.report(outcome.action, (path, article, outcome))
        self.finish(f"{len(files)} files", dry_run)

    def import_word(self, path, column, dry_run):
        """One Word document as a draft article."""
        try:
            article = read_word(path.read_bytes(), path.name)
            target = find_column(column) if not dry_run else None
            page = create_draft(article, target) if not dry_run else None
        except (UnreadableFile, ValidationError, DatabaseError, OSError) as error:
            self.report("failed", f"{path}: {describe(error)}")
            return
        self.counts["created"] += 1
        where = f"{page.url_path} (草稿, id {page.pk})" if page else f"{column} (new draft)"
        details = (
            f"  [{article.count('heading')} headings, {article.count('image')} images, "
            f"{article.count('table')} tables]"
        )
        label = f"created  {path} → {where}  {article.title}"
        self.stdout.write(self.style.SUCCESS(label) + details)
        for warning in article.warnings:
            self.stdout.write(self.style.WARNING(f"         {warning}"))

    def crawl(self, start, limit, state, delay, timeout, retries, allow_host, dry_run, **options):
        if not normalise_url(start) or not urlsplit(start).netloc:
            raise CommandError(f"--crawl {start}: give the old site's http(s) address.")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        fetcher = Fetcher(
            [host_of(start), *allow_host], delay=delay, timeout=timeout, retries=max(retries, 0)
        )
        fetcher.max_bytes = settings.LEGACY_CRAWL_MAX_BYTES
        state = State(state or f"import_legacy-{host_of(start)}.json", write=not dry_run)
        crawl = Crawl(start, fetcher, self.importer, state, self.report, limit)
        with ProgressBar(self.stdout) as self.bar:
            crawl.progress = self.bar
            summary = crawl.run()
        self.bar = None
        if not summary.listings:
            raise CommandError(f"--crawl {start}: the start page could not be read (see above).")
        self.finish(
            f"{summary.listings} listing pages, {summary.links} article links "
            f"({summary.not_followed} not followed)",
            dry_run,
        )

    def report(self, action, detail):
        """One line per article, or per link not followed ("link"), as soon as it is known."""
        if action != "link":
            self.counts[action] += 1
        if isinstance(detail, str):
            style = self.style.ERROR if action == "failed" else self.style.WARNING
            lines = [style(f"{'skipped' if action == 'link' else action:<8} {detail}")]
        else:
            where, article, outcome = detail
            lines = [self.describe(where, article, outcome)]
            lines += [self.style.WARNING(f"         {warning}") for warning in article.warnings]
            lines += [f"         未导入 {line}" for line in article.dropped if self.verbose]
        stream = self.stderr if action == "failed" else self.stdout
        for line in lines:
            if self.bar is not None:  # above the progress bar
                self.bar.write(line, file=sys.stderr if action == "failed" else sys.stdout)
            else:
                stream.write(line)

    def finish(self, what, dry_run):
        summary = ", ".join(f"{self.counts[action]} {action}" for action in ACTIONS)
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{prefix}{what}: {summary}.")
        total = sum(self.counts.values())
        if self.counts["failed"]:
            noun = "articles" if "listing" in what else "files"
            raise CommandError(f"{self.counts['failed']} of {total} {noun} failed to import.")

    def describe(self, where, article, outcome):
        page = outcome.page
        target = f"{outcome.column} (new page)"
        if page is not None:
            target = page.get_url() or page.url_path
        label = f"{outcome.action:<8} {where} → {target}  {article.title}"
        if outcome.action == "skipped":
            return f"{label}  (unchanged)"
        details = (
            f"  [{article.publish_time:%Y-%m-%d %H:%M}, {article.count('paragraph')} paragraphs, "
            f"{article.count('heading')} headings, {article.count('image')} images"
        )
        attachments = article.count("attachment")
        details += f", {attachments} attachments]" if attachments else "]"
        return self.style.SUCCESS(label) + details


class ProgressBar:
    """A tqdm bar on a terminal (stderr), nothing otherwise."""

    def __init__(self, stdout):
        self.on_tty = stdout.isatty() and sys.stderr.isatty()

    def __enter__(self):
        if not self.on_tty:
            return None
        from tqdm import tqdm  # only needed on a terminal

        self.bar = tqdm(total=0, unit="篇", desc="抓取文章", file=sys.stderr)
        return self.bar

    def __exit__(self, *exc):
        if self.on_tty:
            self.bar.close()


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

"""Writing a `LegacyArticle` as a published NewsPage: one file, one transaction.

The page keeps the old date, view count, column and addresses; the pictures go
into Wagtail's image library; the old addresses redirect (301) to the new page.
Importing the same article again updates it in place, or skips it when nothing
changed.
"""

import io
from dataclasses import dataclass
from html import escape

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.legacy.record import UnreadableFile, url_key
from news.models import (
    LegacySource,
    LegacyURL,
    NewsCategoryPage,
    NewsIndexPage,
    NewsPage,
    PageViewCount,
)
from portal.core.slugs import unique_child_slug
from portal.core.tree import add_child_page

NEWS_INDEX_TITLE = "资讯中心"


@dataclass
class Outcome:
    action: str  # "created", "updated" or "skipped"
    column: str  # "资讯中心 / 省级开发区动态"
    page: NewsPage | None = None  # None in a dry run of a new article


class Importer:
    def __init__(self, default_column, dry_run=False):
        self.default_column, self.dry_run = default_column, dry_run

    def column_titles(self, article):
        """(news index title, column title), from the breadcrumb or the default column."""
        index = NewsIndexPage.objects.first()
        index_title = index.title if index else (article.crumbs[:-1] or [NEWS_INDEX_TITLE])[0]
        column = article.crumbs[-1] if article.crumbs else self.default_column
        if column == index_title:  # the breadcrumb stops at the section
            column = self.default_column
        return index_title, column

    def run(self, article):
        index_title, column_title = self.column_titles(article)
        where = f"{index_title} / {column_title}"
        digest = article.digest(index_title, column_title)
        page, last_digest = find_existing(article)
        if page is not None and last_digest == digest:
            return Outcome("skipped", where, page)
        action = "updated" if page else "created"
        if self.dry_run:
            return Outcome(action, where, page)
        saved_files = []
        try:
            with transaction.atomic():
                column = ensure_column(index_title, column_title)
                page = write_page(article, column, page, saved_files)
                record_source(page, article, digest)
        except Exception:
            for stored in saved_files:  # the rows are rolled back; the files must go too
                stored.file.storage.delete(stored.file.name)
            raise
        return Outcome(action, where, page)


def find_existing(article):
    """(page, digest of its last import) for this article, or (None, None).

    Found by an old URL, else by title and date; a title-and-date match is only
    taken when it cannot be a different article, i.e. when one of the two imports
    had no old URL. An article an editor already copied by hand (same title and
    day, never imported) is taken over rather than duplicated.
    """
    keys = [url_key(url) for url in article.old_urls]
    known = LegacyURL.objects.filter(url__in=keys).select_related("source__page").first()
    matches = LegacySource.objects.filter(fingerprint=article.fingerprint).select_related("page")
    if keys:
        matches = matches.filter(urls__isnull=True)
    source = known.source if known else matches.first()
    if source:
        return source.page, source.digest
    copied = NewsPage.objects.filter(
        title=article.title,
        publish_time__date=article.publish_time.date(),
        legacy_source__isnull=True,
    )
    return copied.first(), None


def publish(page):
    page.save_revision().publish()
    return page


def ensure_column(index_title, column_title):
    index = NewsIndexPage.objects.first()
    if index is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if home is None or not NewsIndexPage.can_create_at(home):
            raise UnreadableFile("站点还没有首页（HomePage），无法创建资讯中心")
        index = add_child_page(home, NewsIndexPage(title=index_title, slug="news"))
        publish(index)
    column = NewsCategoryPage.objects.child_of(index).filter(title=column_title).first()
    if column is None:
        column = add_child_page(index, NewsCategoryPage(title=column_title, show_in_menus=True))
        publish(column)
    return column


def move_to(page, column):
    """Follow a changed breadcrumb (or --column); Wagtail redirects the old address."""
    if page.get_parent().pk == column.pk:
        return page
    slug = unique_child_slug(column, page.slug, page)
    Page.objects.filter(pk=page.pk).update(slug=slug)
    page.slug = slug
    page.move(column, pos="last-child")
    return NewsPage.objects.get(pk=page.pk)


def write_page(article, column, page, saved_files):
    is_new = page is None
    page = NewsPage() if is_new else move_to(page.specific, column)
    page.title = article.title
    page.source = article.source
    page.authors = " ".join(article.authors)
    page.editor = article.editor
    page.publish_time = article.publish_time
    page.body = [
        stream_block(kind, value, article.title, saved_files) for kind, value in article.body
    ]
    if is_new:
        add_child_page(column, page)
    publish(page)
    if article.views is not None:
        counted = PageViewCount.for_page(page)
        PageViewCount.objects.update_or_create(
            page=page, defaults={"count": max(counted, article.views)}
        )
    for url in article.old_urls:
        if not redirect_to(page, url):
            article.warnings.append(f"未建立跳转（网址为首页或过长）：{url}")
    return page


def stream_block(kind, value, title, saved_files):
    if kind == "paragraph":
        return ("paragraph", f"<p>{escape(value)}</p>")
    if kind == "heading":
        return ("heading", value)
    if kind == "attachment":
        document = library_document(value, saved_files)
        return ("attachment", {"document": document, "title": value.title[:200]})
    return ("image", {"image": library_image(value, title, saved_files), "caption": value.caption})


def library_document(attachment, saved_files):
    """The document with these bytes, added the first time it is seen."""
    Document = get_document_model()
    existing = Document.objects.filter(file_hash=attachment.sha1).first()
    if existing:
        return existing
    document = Document(title=attachment.title[:255], file_hash=attachment.sha1)
    document.file.save(attachment.filename, ContentFile(attachment.data), save=False)
    document.file_size = len(attachment.data)
    document.save()
    saved_files.append(document)
    return document


def library_image(picture, title, saved_files):
    """The library image with these bytes, added the first time it is seen."""
    Image = get_image_model()
    existing = Image.objects.filter(file_hash=picture.sha1).first()
    if existing:
        return existing
    label = (picture.caption or title)[:255]
    image = Image(title=label, description=label, file_hash=picture.sha1)
    content = ImageFile(io.BytesIO(picture.data), name=picture.filename)  # named, or no size
    image.file.save(picture.filename, content, save=False)
    image.file_size = len(picture.data)
    image.save()
    saved_files.append(image)
    return image


def redirect_to(page, url):
    path = Redirect.normalise_path(url)
    if path == "/" or len(path) > Redirect._meta.get_field("old_path").max_length:
        return False
    Redirect.objects.update_or_create(
        old_path=path,
        site=None,
        defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
    )
    return True


def record_source(page, article, digest):
    source, _ = LegacySource.objects.update_or_create(
        page=page, defaults={"fingerprint": article.fingerprint, "digest": digest}
    )
    for url in article.old_urls:
        LegacyURL.objects.update_or_create(url=url_key(url), defaults={"source": source})

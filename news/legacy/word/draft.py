"""A `WordArticle` as an unpublished article in a column, in one transaction: the
pictures go into the image library, and are removed again if anything fails."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from news.legacy.importer import library_image
from news.legacy.record import LegacyImage
from news.models import NewsPage
from portal.core.tree import add_child_page


def create_draft(article, column, user=None):
    saved_files = []
    try:
        with transaction.atomic():
            return write_draft(article, column, user, saved_files)
    except Exception:
        for image in saved_files:  # the rows are rolled back; the files must go too
            image.file.storage.delete(image.file.name)
        raise


def write_draft(article, column, user, saved_files):
    if article.publish_time is None:
        article.warnings.append("文档中没有发布时间，已暂定为导入时间，请在发布前核对。")
    page = NewsPage(
        title=article.title,
        source=article.source,
        authors=article.authors,
        publish_time=article.publish_time or timezone.now(),
        body=[block(kind, value, article.title, saved_files) for kind, value in article.body],
        live=False,
        owner=user,
    )
    add_child_page(column, page)  # the slug rule runs here, drafts included
    page.save_revision(user=user)
    log(instance=page, action="wagtail.create", user=user)
    return page


def block(kind, value, title, saved_files):
    if kind == "paragraph":
        return ("paragraph", RichText(value))
    if kind == "image":
        # The alt text names the picture in the library (its title and description).
        picture = LegacyImage(value.data, value.filename, value.alt or value.caption)
        return (
            "image",
            {"image": library_image(picture, title, saved_files), "caption": value.caption},
        )
    return (kind, value)

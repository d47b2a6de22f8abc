"""内容检查: what an editor is warned of before publishing, and site health finds live.

Four kinds of finding, each a `Finding` with a Chinese message naming the field or block:

- `SENSITIVE_WORD`: a word of the 敏感词 list (association.screening) in any text an
  editor wrote: titles, plain and rich text, StreamField text, captions, tags, child
  objects (图集, 附件, 相关文件). It blocks 提交审核 for contributors and asks editors to
  confirm before they publish (`blocks_contributors`).
- `MISSING_ALT`: a picture readers of a screen reader cannot know: an image (chooser
  block, cover image, gallery item) whose image has no 替代文字 (its description) and no
  caption beside it, or a picture in rich text whose alt is empty.
- `REDIRECTED_LINK`: a link to an address that now redirects (a Wagtail redirect, as the
  legacy import makes for the old site's articles), whatever host it names.
- `BROKEN_LINK`: a link to a page that was deleted or is not published: rich-text page
  links, page choosers, page foreign keys, and this site's own addresses in hrefs.

Pages are walked generically, not per page type: every editable text, rich-text, URL,
StreamField, image and page field of the specific page and of its child objects
(ParentalKey relations). StreamFields are read in their stored (raw) form, so a chooser
whose page or image was deleted still shows the id it pointed to.

API:

- `findings_for(page)`: the findings of one page object, e.g. a live page or
  `page.get_latest_revision_as_object()` (child objects and tags in memory are read).
- `findings_for_pages(pages)`: `{page: [Finding, ...]}` for the pages having findings,
  for many pages at once (a queryset is made specific; child objects are prefetched per
  page type; the word list, images, linked pages and redirects are each looked up once).
- `blocking(findings)`: those that block contributors and need an editor's confirmation.

Queries: findings_for_pages costs a constant number per page type (specific, child
relations) plus at most six in all (words, images, pages, redirects, sites, address
lookups), whatever the number of pages.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import prefetch_related_objects
from django.urls import Resolver404, resolve
from modelcluster.fields import ParentalKey
from taggit.managers import TaggableManager
from wagtail import blocks
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from association.models.screening import SensitiveWord, normalize
from news.legacy.record import url_key
from news.models import LegacyURL

SENSITIVE_WORD = "sensitive_word"
MISSING_ALT = "missing_alt"
REDIRECTED_LINK = "redirected_link"
BROKEN_LINK = "broken_link"

KIND_LABELS = {
    SENSITIVE_WORD: "敏感词",
    MISSING_ALT: "图片缺少替代文字",
    REDIRECTED_LINK: "旧网站地址",
    BROKEN_LINK: "失效链接",
}

# Fields that hold no editor's words, or repeat another field.
SKIPPED_FIELDS = {
    "slug",
    "path",
    "url_path",
    "draft_title",
    "locale",
    "translation_key",
    "alias_of",
}
# A sibling of an image in a block or child object that gives readers its words.
ALT_SIBLINGS = ("caption", "alt", "alt_text")
SEPARATOR = " › "


@dataclass(frozen=True)
class Finding:
    kind: str  # SENSITIVE_WORD, MISSING_ALT, REDIRECTED_LINK or BROKEN_LINK
    message: str  # a Chinese sentence saying what is wrong and what to do
    where: str  # the field, block and item, e.g. "正文 › 第2块（段落）"
    value: str  # the word, the link, or the picture's title
    blocks_contributors: bool = False

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def blocking(findings):
    """The findings that stop a contributor's 提交审核 and need an editor's confirmation."""
    return [finding for finding in findings if finding.blocks_contributors]


def findings_for(page):
    """The findings of one page object (live, or a revision's), in page order."""
    return judge([collect(page)])[0] if page else []


def findings_for_pages(pages):
    """`{page: findings}` for those of `pages` (a queryset or an iterable of pages) with
    any; a queryset is made specific and its child objects prefetched per page type."""
    if isinstance(pages, models.QuerySet):
        pages = list(pages.specific())
        prefetch_child_objects(pages)
    pages = list(pages)
    results = judge([collect(page) for page in pages])
    return {page: found for page, found in zip(pages, results, strict=True) if found}


# --- Collecting what a page holds -------------------------------------------------------


@dataclass
class Collected:
    """What a page holds, as stored: ids and links that are not well-formed are left out
    (a stored value an editor cannot have made), so that judging never fails on one."""

    texts: list = field(default_factory=list)  # (where, text)
    images: list = field(default_factory=list)  # (where, image id, words given beside it)
    inline_images: list = field(default_factory=list)  # (where, alt) in rich text
    page_links: list = field(default_factory=list)  # (where, page id)
    hrefs: list = field(default_factory=list)  # (where, url)

    def add_image(self, where, raw_id, alt):
        if (image_id := as_id(raw_id)) is not None:
            self.images.append((where, image_id, alt))

    def add_page_link(self, where, raw_id):
        if (page_id := as_id(raw_id)) is not None:
            self.page_links.append((where, page_id))

    def add_href(self, where, href):
        href = str(href).strip()
        try:
            urlsplit(href), Redirect.normalise_path(href)
        except ValueError:  # e.g. an unclosed IPv6 bracket
            return
        self.hrefs.append((where, href))


def as_id(raw):
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    return int(raw) if isinstance(raw, str) and raw.isascii() and raw.isdigit() else None


def collect(page):
    found = Collected()
    collect_object(page, "", found)
    for relation in child_relations(type(page)):
        label = str(relation.related_model._meta.verbose_name)
        for number, child in enumerate(getattr(page, relation.get_accessor_name()).all(), 1):
            collect_object(child, f"{label} 第{number}项", found)
    return found


def child_relations(model):
    return [
        relation
        for relation in model._meta.related_objects
        if isinstance(relation.remote_field, ParentalKey)
    ]


def prefetch_child_objects(pages):
    by_class = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    for model, same in by_class.items():
        names = [relation.get_accessor_name() for relation in child_relations(model)]
        names += [f.name for f in model._meta.get_fields() if isinstance(f, TaggableManager)]
        if names:
            prefetch_related_objects(same, *names)


def collect_object(obj, prefix, found):
    for model_field in type(obj)._meta.get_fields():
        if model_field.name in SKIPPED_FIELDS or not getattr(model_field, "editable", False):
            continue
        where = join(prefix, str(getattr(model_field, "verbose_name", model_field.name)))
        collect_field(obj, model_field, where, found)


def collect_field(obj, model_field, where, found):
    if isinstance(model_field, TaggableManager):
        names = [tag.name for tag in getattr(obj, model_field.name).all()]
        if names:
            found.texts.append((where, " ".join(names)))
    elif isinstance(model_field, StreamField):
        value = getattr(obj, model_field.attname)
        collect_stream(
            model_field.stream_block, list(value.raw_data) if value else [], where, found
        )
    elif isinstance(model_field, RichTextField):
        collect_rich_text(getattr(obj, model_field.attname), where, found)
    elif isinstance(model_field, models.URLField):
        if url := getattr(obj, model_field.attname):
            found.add_href(where, url)
    elif isinstance(model_field, models.ForeignKey):
        collect_foreign_key(obj, model_field, where, found)
    elif isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
        found.texts.append((where, getattr(obj, model_field.attname) or ""))


def collect_foreign_key(obj, model_field, where, found):
    target_id = getattr(obj, model_field.attname)
    if (
        target_id is None
        or isinstance(model_field, ParentalKey)
        or model_field.remote_field.parent_link
    ):
        return
    target = model_field.related_model
    if issubclass(target, get_image_model()):
        found.add_image(where, target_id, sibling_alt(lambda name: getattr(obj, name, "")))
    elif issubclass(target, Page):
        found.add_page_link(where, target_id)


def sibling_alt(read):
    return " ".join(str(read(name) or "") for name in ALT_SIBLINGS).strip()


def collect_stream(stream_block, items, where, found):
    for number, item in enumerate(items if isinstance(items, list) else [], 1):
        child = stream_block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
        if child is not None:
            label = f"第{number}块（{child.label}）"
            collect_block(child, item.get("value"), join(where, label), found)


def collect_block(block, raw, where, found):
    if raw in (None, "", [], {}):
        return
    if isinstance(block, ImageBlock | blocks.StructBlock | TableBlock) and not isinstance(
        raw, dict
    ):
        return
    if isinstance(block, ImageBlock):
        alt = "" if raw.get("decorative") else raw.get("alt_text") or ""
        found.add_image(where, raw.get("image"), alt)
    elif isinstance(block, blocks.StructBlock):
        collect_struct(block, raw, where, found)
    elif isinstance(block, blocks.StreamBlock):
        collect_stream(block, raw, where, found)
    elif isinstance(block, blocks.ListBlock):
        for number, item in enumerate(raw if isinstance(raw, list) else [], 1):
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            collect_block(block.child_block, value, join(where, f"第{number}项"), found)
    elif isinstance(block, blocks.RichTextBlock):
        collect_rich_text(raw, where, found)
    elif isinstance(block, ImageChooserBlock):
        found.add_image(where, raw, "")
    elif isinstance(block, blocks.PageChooserBlock):
        found.add_page_link(where, raw)
    elif isinstance(block, blocks.URLBlock):
        found.add_href(where, raw)
    elif isinstance(block, TableBlock):
        rows = [row for row in raw.get("data") or [] if isinstance(row, list)]
        cells = [cell for row in rows for cell in row if cell]
        found.texts.append((where, " ".join(str(cell) for cell in cells)))
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock) and isinstance(raw, str):
        found.texts.append((where, raw))


def collect_struct(block, raw, where, found):
    for name, child in block.child_blocks.items():
        child_where = join(where, str(child.label))
        if isinstance(child, ImageChooserBlock):
            found.add_image(child_where, raw.get(name), sibling_alt(raw.get))
        else:
            collect_block(child, raw.get(name), child_where, found)


def collect_rich_text(html, where, found):
    if not html:
        return
    parser = RichTextReader()
    parser.feed(str(html))
    parser.close()
    found.texts.append((where, "".join(parser.text)))
    for page_id in parser.page_ids:
        found.add_page_link(where, page_id)
    for href in parser.hrefs:
        found.add_href(where, href)
    found.inline_images += [(where, alt) for alt in parser.image_alts]


class RichTextReader(HTMLParser):
    """Text, links and pictures of rich text in Wagtail's stored form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.page_ids, self.hrefs, self.image_alts = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("linktype") == "page":
            self.page_ids.append(attrs.get("id"))
        elif tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"].strip())
        elif tag == "embed" and attrs.get("embedtype") == "image":
            self.image_alts.append((attrs.get("alt") or "").strip())
        elif tag in ("p", "br", "li", "h2", "h3", "h4", "td", "th"):
            self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


def join(prefix, label):
    return f"{prefix}{SEPARATOR}{label}" if prefix else label


# --- Judging, with one look-up of each kind for all pages -------------------------------


def judge(collected):
    """The findings of each `Collected`, in the same order."""
    words = [word for word in SensitiveWord.objects.values_list("word", flat=True) if word]
    images = images_by_id(collected)
    pages = pages_by_id(collected)
    links = LinkJudge([href for found in collected for _, href in found.hrefs])
    return [
        [
            *word_findings(found, words),
            *alt_findings(found, images),
            *page_link_findings(found, pages),
            *href_findings(found, links),
        ]
        for found in collected
    ]


def word_findings(found, words):
    for where, text in found.texts:
        haystack = normalize(text)
        for word in words:
            if word in haystack:
                yield Finding(
                    SENSITIVE_WORD,
                    f"“{where}”中含有敏感词“{word}”。请删改；确需保留时，由编辑确认后发布。",
                    where,
                    word,
                    blocks_contributors=True,
                )


def images_by_id(all_found):
    ids = {image_id for found in all_found for _, image_id, _ in found.images}
    model = get_image_model()
    return {
        row["pk"]: row
        for row in model.objects.filter(pk__in=ids).values("pk", "title", "description")
    }


def alt_findings(found, images):
    for where, image_id, alt in found.images:
        image = images.get(image_id)
        if image and not (image["description"] or "").strip() and not alt:
            yield Finding(
                MISSING_ALT,
                f"“{where}”的图片“{image['title']}”没有替代文字。请在图片库中为它填写“替代文字”，"
                "或在图片旁填写图片说明。",
                where,
                image["title"],
            )
    for where, alt in found.inline_images:
        if not alt:
            yield Finding(
                MISSING_ALT,
                f"“{where}”中插入的图片没有替代文字。请编辑这张图片，填写替代文字。",
                where,
                "",
            )


def pages_by_id(all_found):
    ids = {page_id for found in all_found for _, page_id in found.page_links}
    return {row["pk"]: row for row in Page.objects.filter(pk__in=ids).values("pk", "title", "live")}


def page_link_findings(found, pages):
    for where, page_id in found.page_links:
        target = pages.get(page_id)
        if target is None:
            yield Finding(
                BROKEN_LINK,
                f"“{where}”链接的页面（编号 {page_id}）已被删除。请改链到现有页面或删除这个链接。",
                where,
                str(page_id),
            )
        elif not target["live"]:
            yield Finding(
                BROKEN_LINK,
                f"“{where}”链接的页面“{target['title']}”未发布或已下线，读者打开会看到“页面不存在”。"
                "请先发布该页面，或改链到其他页面。",
                where,
                target["title"],
            )


def href_findings(found, links):
    for where, href in found.hrefs:
        if redirect := links.redirect(href):
            target = redirect.redirect_page.title if redirect.redirect_page else redirect.link
            yield Finding(
                REDIRECTED_LINK,
                f"“{where}”链接的是旧网站地址 {href}，它已转到“{target}”。"
                "请把链接改为新地址，免得读者多跳一次。",
                where,
                href,
            )
        elif problem := links.missing_page(href):
            yield Finding(
                BROKEN_LINK,
                f"“{where}”链接的本站地址 {href} {problem}。请改链到现有页面或删除这个链接。",
                where,
                href,
            )


class LinkJudge:
    """Which hrefs redirect, and which of this site's addresses show no page; each
    answered with one query for all hrefs."""

    def __init__(self, hrefs):
        # A NUL is in no real address (and PostgreSQL refuses it in a query).
        web = [
            href
            for href in hrefs
            if "\x00" not in href and urlsplit(href).scheme in ("", "http", "https")
        ]
        self.redirects = {}
        paths = {Redirect.normalise_path(href) for href in web if not href.startswith("#")}
        if paths - {"/"}:
            for redirect in Redirect.objects.filter(old_path__in=paths - {"/"}).select_related(
                "redirect_page"
            ):
                self.redirects.setdefault(redirect.old_path, redirect)
        self.sites = list(Site.objects.select_related("root_page")) if web else []
        self.pages = self.pages_at(web)
        # A link to another host is the old site's only where the importer recorded that
        # very address (LegacyURL): an outside site may have the same path.
        elsewhere = {url_key(href) for href in web if self.foreign(href)}
        self.old_addresses = (
            set(LegacyURL.objects.filter(url__in=elsewhere).values_list("url", flat=True))
            if elsewhere and self.redirects
            else set()
        )

    def foreign(self, href):
        host = urlsplit(href).netloc.split(":")[0].lower()
        return bool(host) and host not in {site.hostname for site in self.sites}

    def redirect(self, href):
        if urlsplit(href).scheme not in ("", "http", "https") or href.startswith("#"):
            return None
        if self.foreign(href) and url_key(href) not in self.old_addresses:
            return None
        return self.redirects.get(Redirect.normalise_path(href))

    def own_path(self, href):
        """The path of an address of this site served by Wagtail's pages, else None."""
        parts = urlsplit(href)
        if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
            return None
        if parts.netloc and parts.netloc.split(":")[0] not in {s.hostname for s in self.sites}:
            return None
        if parts.path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
            return None
        try:
            if resolve(parts.path).func is not wagtail_serve:
                return None
        except Resolver404:
            return None
        return parts.path if parts.path.endswith("/") else parts.path + "/"

    def site_for(self, href):
        host = urlsplit(href).netloc.split(":")[0]
        matching = [site for site in self.sites if site.hostname == host]
        default = [site for site in self.sites if site.is_default_site]
        return (matching or default or self.sites or [None])[0]

    def tree_paths(self, href):
        """The url_path of the page this address names, and of each page above it."""
        path, site = self.own_path(href), self.site_for(href)
        if path is None or site is None:
            return []
        root = site.root_page.url_path
        segments = [segment for segment in path.split("/") if segment]
        return [root + "".join(f"{s}/" for s in segments[:n]) for n in range(len(segments), -1, -1)]

    def pages_at(self, hrefs):
        wanted = {tree_path for href in hrefs for tree_path in self.tree_paths(href)}
        rows = Page.objects.filter(url_path__in=wanted).values("url_path", "live", "content_type")
        return {row["url_path"]: row for row in rows}

    def missing_page(self, href):
        """Why this site's address shows no page ("不存在", "未发布"), or None."""
        tree_paths = self.tree_paths(href)
        if not tree_paths:
            return None
        exact = self.pages.get(tree_paths[0])
        if exact:
            return None if exact["live"] else "指向的页面未发布或已下线"
        for tree_path in tree_paths[1:]:
            if above := self.pages.get(tree_path):
                route = tree_paths[0][len(tree_path) - 1 :]
                return None if above["live"] and has_route(above, route) else "已没有页面"
        return "已没有页面"


def has_route(page_row, route):
    """Whether a routable page (columns' feeds, tag pages) answers at `route` below it."""
    model = ContentType.objects.get_for_id(page_row["content_type"]).model_class()
    if model is None or not issubclass(model, RoutablePageMixin):
        return False
    try:
        model.get_resolver().resolve(route)
    except Resolver404:
        return False
    return True

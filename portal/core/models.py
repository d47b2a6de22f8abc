"""The page types every app builds on: titles in Chinese, slugs in pinyin, a main block
the caching layer can keep, search fields cut into Chinese words."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from portal.caching import dependencies, routes
from portal.caching.fragments import main_fragment
from portal.caching.tags import ANY_CONTENT, CHROME, kind_tag, page_tag
from portal.compat import cached_parent, known_empty
from portal.core.forms import PortalPageForm
from portal.core.public_forms import answer_post, render_form_page
from portal.core.search_fields import with_segmentation
from portal.core.slugs import base_slug, unique_child_slug

# Pages this close to the tree root can be menu items (sections and their columns): a
# change of one is a change of every page's chrome.
MENU_MAX_DEPTH = 4


def restricted_paths():
    """The paths of the pages under a view restriction, and of their aliases."""

    def find():
        restricted = PageViewRestriction.objects.values("page")
        pages = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of__in=restricted))
        return frozenset(pages.values_list("path", flat=True))

    return routes.restricted_paths(find)


class PortalPage(Page):
    """Base of every page type: titles are Chinese, slugs are ASCII.

    An empty slug is made from the title's pinyin, falling back to the date, both
    in the admin and for pages made in code; an editor's own slug is kept.
    """

    class Meta:
        abstract = True

    base_form_class = PortalPageForm
    # The browser would slugify a Chinese title to nothing useful; leave the slug
    # empty and let the server make it from the pinyin.
    content_panels = [TitleFieldPanel("title", targets=[])]
    # What the caching layer reads (docs/caching.md). Whether the page holds a form, and
    # so is never kept whole or in part: set by FormPage, the only way to hold one.
    holds_form = False
    # The query parameters that change what the page shows; any other is ignored.
    cache_query_params = ("page",)
    # Whether the page says exactly what it shows besides itself and the chrome (the
    # tags its main context records), so that other changes leave it cached; else any
    # change of content makes it stale.
    shows_precisely = False

    @classmethod
    def get_search_fields(cls):
        # Chinese text reaches the search backend cut into words (portal/search).
        return with_segmentation(super().get_search_fields())

    def get_context(self, request, *args, **kwargs):
        dependencies.shown(page_tag(self))
        if self.shows_precisely:
            dependencies.precise()
        context = super().get_context(request, *args, **kwargs)
        context["main_fragment"] = fragment = main_fragment(request, self)
        if fragment is None:
            context.update(self.get_main_context(request, *args, **kwargs))
        elif fragment.html is None:
            with fragment.gathering():
                context.update(self.get_main_context(request, *args, **kwargs))
        return context

    def get_main_context(self, request, *args, **kwargs):
        """What the main block shows besides the page itself; not gathered while the
        block is cached."""
        return {}

    def invalidation_tags(self):
        """What is stale when this page changes while live (or stops being live):
        what showed it, what lists its type, what shows every page near the top, and
        whatever does not say what it shows. Page types add what else shows them (their
        neighbours…)."""
        tags = {page_tag(self), kind_tag(type(self)), ANY_CONTENT}
        if self.depth is not None and self.depth <= MENU_MAX_DEPTH:
            tags.add(CHROME)
        return tags

    def get_view_restrictions(self):
        """Wagtail's: restrictions on this page or an ancestor, an alias counting as its
        original; in one query instead of two, and none while no page on the way is
        restricted."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        if restricted_paths().isdisjoint(paths):
            # No query, nor SQL built to find there is none: what readers mostly get.
            return known_empty(PageViewRestriction.objects.none())
        pages = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=pages.filter(alias_of__isnull=True))
            | Q(page__in=pages.filter(alias_of__isnull=False).values("alias_of"))
        )

    # The slug rule (portal/slugs.py) runs before each of Wagtail's own checks and saves:
    # Wagtail would otherwise slugify a Chinese title to "" (a draft's minimal_clean) or
    # to its digits alone ("2024年招商会" → "2024").
    def full_clean(self, *args, **kwargs):
        self.fill_empty_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.fill_empty_slug()
        super().minimal_clean()

    def save(self, *args, **kwargs):
        self.fill_empty_slug()
        super().save(*args, **kwargs)

    def fill_empty_slug(self, parent=None):
        """Give an empty slug the title's pinyin, unique under `parent` (by default the
        page's parent, once it is known)."""
        if self.slug:
            return
        parent = parent or self.known_parent()
        if parent is not None:
            self.slug = unique_child_slug(parent, base_slug(self.title), self)

    def known_parent(self):
        """The parent page, or None while the page is not yet placed in the tree."""
        return self.get_parent() if self.path else cached_parent(self)

    def clean(self):
        super().clean()
        if not self.slug.isascii():
            raise ValidationError({"slug": "网址名称只能使用英文字母、数字和连字符。"})


class FormPage(PortalPage):
    """A page that holds a public form (投稿, 留言): its GET shows the form (and, after a
    post, what `save_form` returned, kept in the session under `sent_key`), its POST goes
    through the public forms' door (portal.core.public_forms).

    Never cached, whole or in part: the form carries the reader's CSRF token, and its
    errors and "sent" notice are the reader's own.
    """

    holds_form = True
    rate_limit = None  # a portal.core.public_forms.RateLimit
    sent_key = None

    class Meta:
        abstract = True

    def get_form(self, data=None, files=None):
        """The form, empty or bound to a post."""
        raise NotImplementedError

    def save_form(self, form):
        """Store the valid post, in one transaction; return what the page shows next."""
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            sent = request.session.pop(self.sent_key, None)
            return render_form_page(self, request, self.get_form(), sent=sent)
        form = self.get_form(request.POST, request.FILES)
        return answer_post(self, request, form, self.rate_limit, self.save_form, self.sent_key)


class IndexPage(PortalPage):
    """The one top page of a section (资讯中心, 中国开发区, 协会服务, 《中国开发区》…), with
    an introduction editors write above what it lists."""

    intro = RichTextField("导语", blank=True)

    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]

    class Meta:
        abstract = True


class DatedPage(PortalPage):
    """A page with its own 发布时间 (publish time), as readers see it.

    `first_published_at` follows it once the page has been published, so date filters
    and ordering shared with other page types agree with the date on the page. A draft
    never published keeps none: the admin's status panel would say it was published.
    """

    publish_time = models.DateTimeField("发布时间", default=timezone.now)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.live or self.first_published_at is not None:
            self.first_published_at = self.publish_time
        super().save(*args, **kwargs)

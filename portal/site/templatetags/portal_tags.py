"""Template tags for what every page shares: the cached chrome, breadcrumb, meta line, sharing."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from news.models import PageViewCount
from portal.caching.dependencies import shown
from portal.caching.pieces import piece, rendered
from portal.caching.tags import CHROME, NOTICES, page_tag
from portal.site import metadata, navigation
from portal.site.share import share_context

register = template.Library()

META_TEMPLATE = "includes/page_meta.html"


def current_page(context):
    # Some views use `page` for a page of a paginator: only a Wagtail page counts.
    page = context.get("page")
    return page if isinstance(page, Page) else None


def fragment(context, name, build, timeout=None, tags=(CHROME,)):
    html = navigation.cached(context["request"], name, build, timeout=timeout, tags=tags)
    return mark_safe(html or "")


@register.simple_tag(takes_context=True)
def site_header(context):
    """Utility bar, site name and search box."""
    return fragment(context, "header", navigation.header_html)


@register.simple_tag(takes_context=True)
def notice_box(context):
    return fragment(
        context,
        "notices",
        navigation.notice_box_html,
        timeout=navigation.notice_box_lifetime,
        tags=(CHROME, NOTICES),
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    """Link directory, contact, copyright and filing numbers."""
    return fragment(context, "footer", navigation.footer_html)


@register.simple_tag(takes_context=True)
def site_name(context):
    return navigation.cached(context["request"], "site-name", navigation.site_name) or ""


@register.simple_tag(takes_context=True)
def html_class(context):
    """Classes on <html> that follow the date: `mourning` renders the site in grayscale."""
    return "mourning" if navigation.in_mourning(context["request"]) else ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    return navigation.menu_html(context["request"], current_page(context))


@register.tag
def cached_main(parser, token):
    """{% cached_main %}…{% endcached_main %}: the page's main block, from the shared
    cache when the context's `main_fragment` holds it (portal/fragments.py)."""
    nodelist = parser.parse(("endcached_main",))
    parser.delete_first_token()
    return CachedMainNode(nodelist)


class CachedMainNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        fragment = context.get("main_fragment")
        if fragment is None or not fragment.serves(context.template):
            return self.nodelist.render(context)
        if fragment.html is None:
            return fragment.render(self.nodelist, context)
        return fragment.html


@register.simple_tag(takes_context=True)
def card(context, template_name, **values):
    """{% card "news/cards/news_page.html" article=article show_summary=True %}: the card
    of the page given first, rendered from `values` alone and kept until that page
    changes, so a listing rebuilt after a publish renders only the new cards."""
    request = context.get("request")
    page = next(iter(values.values()))
    flags = [f"{name}={value!r}" for name, value in values.items() if value is not page]
    values["request"] = request

    def build():
        return rendered(template_name, values)

    if page.pk is None:
        return build()
    return piece(request, template_name, build, page.pk, *flags, tags=(page_tag(page),))


@register.simple_tag(takes_context=True)
def cards(context, template_name, pages, name, **flags):
    """{% cards "news/cards/news_page.html" articles "article" show_summary=True %}: each
    page's `{% card %}` (as `name`), the run of them kept as one piece until one of the
    pages changes, so a list built afresh looks up one piece instead of one per card."""
    pages = list(pages)

    def build():
        return mark_safe("".join(card(context, template_name, **{name: p}, **flags) for p in pages))

    if any(page.pk is None for page in pages):
        return build()
    pks = [page.pk for page in pages]
    vary = [f"{flag}={value!r}" for flag, value in flags.items()]
    tags = tuple(map(page_tag, pks))
    return piece(context.get("request"), f"cards:{template_name}", build, *vary, *pks, tags=tags)


@register.simple_tag(takes_context=True)
def headlines(context, articles):
    """The home page's 头条 block, kept until one of its articles changes: its lead's
    rendition is then looked up once, not on every build of the home page (Wagtail
    writes each rendition it finds back to the shared cache, a file written each time
    on one host)."""
    request = context.get("request")

    def build():
        return rendered(
            "portal/includes/headlines.html", {"headlines": articles, "request": request}
        )

    pks = [article.pk for article in articles]
    return piece(request, "headlines", build, *pks, tags=tuple(map(page_tag, pks)))


@register.simple_tag(takes_context=True)
def breadcrumb(context, page):
    """The page's ancestors below the tree root (depth 1), ending with the page itself;
    kept until one of them changes."""

    def build():
        crumbs = list(page.get_ancestors(inclusive=True).filter(depth__gt=1)) if page else []
        shown(*map(page_tag, crumbs))
        return rendered("includes/breadcrumb.html", {"crumbs": crumbs})

    if page is None or page.pk is None:
        return build()
    return piece(context.get("request"), "breadcrumb", build, page.pk, tags=(page_tag(page),))


@register.simple_tag
def view_count(page):
    """The stored 点击量; the hit script (news) updates the number on the page."""
    return PageViewCount.for_page(page)


@register.simple_tag(takes_context=True)
def share_links(context, page):
    """The share buttons, kept per site until the page changes."""
    request = context["request"]

    def build():
        return rendered("includes/share.html", share_context(request, page))

    return piece(request, "share", build, page.pk, tags=(page_tag(page),))


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Description, canonical URL, Open Graph and JSON-LD for the current page, kept per
    page and published version, rendered too: a page built afresh neither looks up the
    share image nor renders them again. A preview renders its draft's title with the
    live version's values and keeps no HTML."""
    page = current_page(context)
    request = context["request"]
    if page is None or page.pk is None or not page.live:
        # A view of its own (search): the site's description still tells what it is.
        default = navigation.cached(request, "description", metadata.site_description)
        return rendered(META_TEMPLATE, {"description": default or ""})
    name = navigation.cached(request, "site-name", navigation.site_name) or ""
    version = page.pk, page.last_published_at.timestamp() if page.last_published_at else 0
    tags = (CHROME, page_tag(page))

    def values(site):
        return metadata.page_metadata(page, site, name)

    def html(site=None):
        meta = navigation.cached(request, "meta", values, *version, tags=tags) or {}
        return rendered(META_TEMPLATE, {**meta, "page": page, "site_name": name})

    if getattr(request, "is_preview", False):
        return html()
    return navigation.cached(request, "meta-html", html, *version, tags=tags) or html()


@register.inclusion_tag("includes/icons.html", takes_context=True)
def site_icons(context):
    """Favicon and touch icon links, from the site's logo (cached until content changes)."""
    return navigation.cached(context["request"], "icons", metadata.icons) or {}

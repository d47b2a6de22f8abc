"""The chrome every page shares: header, main menu, 通知公告 box and footer.

Each piece is gathered in a few queries, rendered once and kept until content changes
(portal.caching.chrome: in each worker and in the shared cache, under the page cache's
generation, which saving any page, setting, site or snippet replaces).
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page

from association.models import MagazineIndexPage, MagazineIssuePage, MessageBoardPage
from news.models import NoticeIndexPage, NoticePage
from portal.caching.chrome import cached, last_cached
from portal.caching.sites import cached_site
from portal.site.models import LinkGroup, SiteSettings

NOTICE_COUNT = 5
# The HTML fragments kept under these names (portal/templatetags/portal_tags.py).
CHROME_FRAGMENTS = ("header", "notices", "footer")


def link(page, site):
    return {"pk": page.pk, "title": page.title, "url": page.get_url(current_site=site)}


def site_settings_for(site):
    """The site's settings, or their defaults: reading a page never writes a row.

    Kept on this request's Site object, as several fragments may need them.
    """
    if not hasattr(site, "_portal_settings"):
        site._portal_settings = SiteSettings.base_queryset().filter(
            site=site
        ).first() or SiteSettings(site=site)
    return site._portal_settings


def first_live(model, home):
    return model.objects.live().descendant_of(home).order_by("path").first()


# Builders: each takes the Site and returns plain data or rendered HTML.


def menu_data(site):
    home = site.root_page
    sections = list(home.get_children().live().in_menu())
    children = (
        Page.objects.live()
        .in_menu()
        .filter(depth=home.depth + 2, path__startswith=home.path)
        .order_by("path")
    )
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.path[: -Page.steplen], []).append(
            {**link(child, site), "path": child.path}
        )
    return {
        "home": {**link(home, site), "title": "首页", "path": home.path},
        "items": [
            {
                **link(section, site),
                "path": section.path,
                "children": by_parent.get(section.path, []),
            }
            for section in sections
        ],
    }


def magazine_link(site):
    """《中国开发区》: the magazine's name, linking to its latest live issue if any."""
    index = first_live(MagazineIndexPage, site.root_page)
    if index is None:
        return None
    latest = (
        MagazineIssuePage.objects.live().child_of(index).order_by("-year", "-number", "-pk").first()
    )
    return {"title": index.title, "url": (latest or index).get_url(current_site=site)}


def header_html(site):
    site_settings = site_settings_for(site)
    home = site.root_page
    board = first_live(MessageBoardPage, home)
    return render_to_string(
        "includes/header.html",
        {
            "site_settings": site_settings,
            "home_url": home.get_url(current_site=site),
            "magazine": magazine_link(site),
            "message_board": link(board, site) if board else None,
            "search_url": reverse("search"),
        },
    )


def notice_box_html(site):
    home = site.root_page
    notices = NoticePage.objects.descendant_of(home).current().board_order()[:NOTICE_COUNT]
    index = first_live(NoticeIndexPage, home)
    return render_to_string(
        "includes/notice_box.html",
        {
            "notices": [
                {**link(n, site), "pinned": n.pinned, "publish_time": n.publish_time}
                for n in notices
            ],
            "more": link(index, site) if index else None,
        },
    )


def notice_box_lifetime(site):
    """Seconds until a notice in the box expires and the box must be drawn again."""
    return NoticePage.objects.descendant_of(site.root_page).seconds_until_next_expiry()


def footer_html(site):
    site_settings = site_settings_for(site)
    board = first_live(MessageBoardPage, site.root_page)
    groups = LinkGroup.objects.prefetch_related("links")
    return render_to_string(
        "includes/footer.html",
        {
            "site_settings": site_settings,
            "groups": [group for group in groups if group.links.all()],
            "message_board": link(board, site) if board else None,
        },
    )


def site_name(site):
    return site_settings_for(site).site_name


def mourning_days(site):
    return site_settings_for(site).mourning_days


def in_mourning(request):
    """Whether today (Asia/Shanghai) is a day of 哀悼模式. Only the dates are cached,
    never the answer, so the site turns gray and back by the calendar alone."""
    return mourning_today(cached(request, "mourning-days", mourning_days))


def mourning_today(days):
    """Whether today (Asia/Shanghai) is within `days` (first, last), when there are any."""
    return bool(days) and days[0] <= timezone.localdate() <= days[1]


def menu_html(request, page):
    """The main menu with the section (and column) holding `page` marked as current."""
    data = cached(request, "menu-data", menu_data)
    if not data:
        return ""
    path = page.path if page is not None and page.path else ""
    section = next((i for i in data["items"] if path.startswith(i["path"])), None)
    child = section and next((c for c in section["children"] if path.startswith(c["path"])), None)
    current = {
        "home": path == data["home"]["path"],
        "section": section and section["pk"],
        "child": child and child["pk"],
        # aria-current="page" only where the menu item is the page itself
        "exact": path in {section and section["path"], child and child["path"]},
    }

    def build(site):
        return render_to_string("includes/menu.html", {**data, "current": current})

    return mark_safe(cached(request, "menu", build, *current.values()) or "")


def chrome_without_database(request):
    """The header, menu (nothing marked current), 通知公告 box, footer and 哀悼模式 as last
    cached for this request's site, for the page shown while the database is down. Pieces that are
    not in the cache are left out; the page then uses its static stand-ins."""
    site = cached_site(request)
    if site is None:
        return {}
    pieces = {name: last_cached(site.pk, name) for name in CHROME_FRAGMENTS}
    menu = last_cached(site.pk, "menu-data")
    if menu:
        current = {"home": False, "section": None, "child": None, "exact": False}
        pieces["menu"] = render_to_string("includes/menu.html", {**menu, "current": current})
    chrome = {name: mark_safe(html) for name, html in pieces.items() if html}
    mourning = mourning_today(last_cached(site.pk, "mourning-days"))
    return {**chrome, "site_name": last_cached(site.pk, "site-name"), "mourning": mourning}

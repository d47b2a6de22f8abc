"""What a page tells search engines and link previews: description, canonical URL,
Open Graph and JSON-LD: schema.org NewsArticle for articles, Legislation for policy
documents; and the site's icons."""

import json

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.timezone import localtime

from portal.caching.chrome import kept
from portal.core.address import absolute
from portal.site.navigation import site_settings_for

DESCRIPTION_LENGTH = 120
SHARE_IMAGE = "fill-1200x630|format-jpeg"
# The favicon and the touch icon, cut square from the site's logo.
ICON = "fill-32x32|format-png"
TOUCH_ICON = "fill-180x180|format-png"
STATIC_ICONS = {"icon": "img/icon-32.png", "touch_icon": "img/icon-180.png"}


def one_line(html, length=DESCRIPTION_LENGTH):
    text = " ".join(strip_tags(str(html or "")).split())
    return Truncator(text).chars(length) if text else ""


def first_paragraph(page):
    for block in getattr(page, "body", None) or ():
        if block.block_type == "paragraph" and (text := one_line(block.value.source)):
            return text
    return ""


def description(page, default=""):
    """The editor's search description, else the page's own summary or introduction, its
    first paragraph, what the page type says of itself, else the site's description."""
    for name in ("search_description", "summary", "intro", "introduction"):
        if text := one_line(getattr(page, name, "")):
            return text
    if text := first_paragraph(page):
        return text
    if hasattr(page, "meta_description") and (text := one_line(page.meta_description())):
        return text
    return one_line(default)


def first_body_image(page):
    for block in getattr(page, "body", None) or ():
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"]
    return None


def share_image(page, settings=None):
    """The cover, else the first picture of the text, else the site's share image."""
    return (
        getattr(page, "cover_image", None)
        or getattr(page, "banner_image", None)
        or first_body_image(page)
        or (settings and settings.share_image)
    )


def site_description(site):
    return one_line(site_settings_for(site).description)


def icons(site):
    """Favicon and touch icon: from the site's logo, else the portal's own emblem."""
    logo = site_settings_for(site).logo
    if logo is None:
        return {name: static(path) for name, path in STATIC_ICONS.items()}
    return {"icon": logo.get_rendition(ICON).url, "touch_icon": logo.get_rendition(TOUCH_ICON).url}


def page_metadata(page, site, site_name):
    """Everything the <head> says about `page`, as plain values the cache can keep."""
    settings = site_settings_for(site)
    url = page.get_full_url()
    image = share_image(page, settings)
    picture = None
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE)
        # Media on this host, or already absolute from a storage service.
        picture = {
            "url": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    meta = {
        "description": description(page, settings.description),
        "canonical": url,
        "og_type": "website",
        "image": picture,
        "json_ld": None,
    }
    if hasattr(page, "publish_time"):  # articles and notices
        meta.update(
            og_type="article",
            published=localtime(page.publish_time).isoformat(),
            modified=modified(page).isoformat(),
        )
    if page.specific_class.__name__ == "NewsPage":
        meta["authors"] = page.authors.split() or [page.source or site_name]
        # The icons the page's <head> shows, kept: no rendition looked up (and written
        # back to the cache) each time an article's metadata is built.
        logo_url = absolute(kept(site, "icons", icons)["touch_icon"])
        meta["json_ld"] = news_article_json_ld(page, meta, site_name, logo_url)
    elif page.specific_class.__name__ == "PolicyDocumentPage":
        meta["json_ld"] = legislation_json_ld(page.specific, meta, site_name)
    return meta


def modified(article):
    """When the live version was published: the last published revision's time."""
    revision = article.live_revision
    when = (revision and revision.created_at) or article.last_published_at or article.publish_time
    return localtime(max(when, article.publish_time))


# 有效性 as schema.org's LegalForceStatus.
LEGAL_FORCE = {
    "current": "InForce",
    "revised": "PartiallyInForce",
    "repealed": "NotInForce",
    "expired": "NotInForce",
}


def legislation_json_ld(document, meta, site_name):
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": document.title,
        "legislationIdentifier": document.doc_number or None,
        "legislationType": document.get_kind_display(),
        "legislationDate": document.written_on.isoformat(),
        "datePublished": localtime(document.publish_time).isoformat(),
        "legislationPassedBy": [
            {"@type": "Organization", "name": issuer.name} for issuer in document.issuers.all()
        ],
        "legislationLegalForce": LEGAL_FORCE[document.validity],
        "inLanguage": "zh-CN",
        "publisher": {"@type": "Organization", "name": site_name},
        "mainEntityOfPage": meta["canonical"],
        "description": meta["description"],
    }
    if document.expires_on:
        data["expires"] = document.expires_on.isoformat()
    return script_safe({key: value for key, value in data.items() if value is not None})


def news_article_json_ld(article, meta, site_name, logo_url):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "datePublished": meta["published"],
        "dateModified": meta["modified"],
        "author": [{"@type": "Person", "name": name} for name in article.authors.split()]
        or [{"@type": "Organization", "name": article.source or site_name}],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "logo": {"@type": "ImageObject", "url": logo_url},
        },
        "mainEntityOfPage": meta["canonical"],
        "description": meta["description"],
    }
    if meta["image"]:
        data["image"] = [meta["image"]["url"]]
    return script_safe(data)


def script_safe(data):
    # Escaped so that no text in it can close the <script> element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

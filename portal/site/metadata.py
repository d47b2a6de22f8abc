"""What a page tells search engines and link previews: description, canonical URL,
Open Graph and JSON-LD: schema.org NewsArticle for articles, Legislation for policy
documents."""

import json

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.timezone import localtime

DESCRIPTION_LENGTH = 120
SHARE_IMAGE = "fill-1200x630|format-jpeg"


def description(page):
    """The editor's search description, else the page's own summary or introduction."""
    for name in ("search_description", "summary", "intro", "introduction"):
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    return ""


def share_image(page):
    return getattr(page, "cover_image", None) or getattr(page, "banner_image", None)


def page_metadata(page, site, site_name):
    """Everything the <head> says about `page`, as plain values the cache can keep."""
    url = page.get_full_url()
    image = share_image(page)
    image_url = None
    if image is not None:
        image_url = image.get_rendition(SHARE_IMAGE).url
        if image_url.startswith("/"):  # media on this host rather than a storage service
            image_url = site.root_url + image_url
    meta = {
        "description": description(page),
        "canonical": url,
        "og_type": "article" if hasattr(page, "publish_time") else "website",
        "image": image_url,
        "json_ld": None,
    }
    if page.specific_class.__name__ == "NewsPage":
        meta["json_ld"] = news_article_json_ld(page, url, image_url, site_name)
    elif page.specific_class.__name__ == "PolicyDocumentPage":
        meta["json_ld"] = legislation_json_ld(page.specific, url, site_name)
    return meta


# 有效性 as schema.org's LegalForceStatus.
LEGAL_FORCE = {
    "current": "InForce",
    "revised": "PartiallyInForce",
    "repealed": "NotInForce",
    "expired": "NotInForce",
}


def legislation_json_ld(document, url, site_name):
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
        "mainEntityOfPage": url,
        "description": description(document),
    }
    if document.expires_on:
        data["expires"] = document.expires_on.isoformat()
    return script_safe({key: value for key, value in data.items() if value is not None})


def news_article_json_ld(article, url, image_url, site_name):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "datePublished": localtime(article.publish_time).isoformat(),
        "dateModified": localtime(article.last_published_at or article.publish_time).isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article.authors.split()]
        or [{"@type": "Organization", "name": article.source or site_name}],
        "publisher": {"@type": "Organization", "name": site_name},
        "mainEntityOfPage": url,
        "description": description(article),
    }
    if image_url:
        data["image"] = [image_url]
    return script_safe(data)


def script_safe(data):
    # Escaped so that no text in it can close the <script> element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

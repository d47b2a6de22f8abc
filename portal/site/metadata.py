"""What a page tells search engines and link previews: description, canonical URL,
Open Graph and, for articles, schema.org NewsArticle JSON-LD."""

import json

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.timezone import localtime

from portal.core.address import absolute

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
        # Media on this host, or already absolute from a storage service.
        image_url = absolute(image.get_rendition(SHARE_IMAGE).url)
    meta = {
        "description": description(page),
        "canonical": url,
        "og_type": "article" if hasattr(page, "publish_time") else "website",
        "image": image_url,
        "json_ld": None,
    }
    if page.specific_class.__name__ == "NewsPage":
        meta["json_ld"] = news_article_json_ld(page, url, image_url, site_name)
    return meta


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
    # Escaped so that no text in it can close the <script> element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

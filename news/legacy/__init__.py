"""Importing articles from the old site: `python manage.py import_legacy PATH...`
or `--crawl URL`.

`reader` turns one file into a plain `record.LegacyArticle`, with one parser per
source layout (`capture` for text captures, `html_page` for saved HTML pages) and
the rules they share: `layout` (breadcrumb, chrome, meta lines, headings), `meta`
(sources, authors, dates, view counts) and `chinese` (punctuation); `template`
learns what a site prints on every page from several of its pages. `crawl` walks
an old site's listings (`site_links`) and fetches politely (`fetch`). `importer`
writes the record as a published NewsPage; `models` remembers where each article
came from.

Kept free of imports: `news.models` loads `news.legacy.models` at start-up.
"""

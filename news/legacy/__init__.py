"""Importing articles from the old site: `python manage.py import_legacy PATH...`.

`reader` turns one file into a plain `record.LegacyArticle`, with one parser per
source layout (`capture` for text captures, `html_page` for saved HTML pages) and
the rules they share: `layout` (breadcrumb, chrome, meta lines, headings), `meta`
(sources, authors, dates, view counts) and `chinese` (punctuation). `importer`
writes the record as a published NewsPage; `models` remembers where each article
came from.

Kept free of imports: `news.models` loads `news.legacy.models` at start-up.
"""

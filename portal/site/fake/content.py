"""Filling a database with many realistic zones and articles, fast (`make_fake_content`).

Pages are composed by `portal.site.fake.writer` and written in bulk by `portal.site.fake.bulk`;
tags, zone links and view counts follow in bulk, the search index last. Everything
happens in one transaction: a run that fails leaves the database as it was.
"""

import datetime
import random
import time
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.search.backends import get_search_backends

from news.models import NewsCategoryPage, NewsIndexPage, NewsPage, NewsPageTag, PageViewCount
from portal.caching.generation import bump_generation
from portal.core.slugs import base_slug
from portal.site.demo.images import demo_image
from portal.site.demo.tree import build_demo_site
from portal.site.fake.bulk import add_children, chunks
from portal.site.fake.writer import ArticleWriter, ZoneWriter
from zones.models import ZoneIndexPage, ZonePage

CHUNK = 5000  # pages composed and written at a time, to keep memory flat
INDEX_CHUNK = 2000  # larger chunks: the database backend rescans its table after each
COVER_IMAGES = 6
COVER_SHARE = 0.25
HEADLINE_SHARE = 0.04  # of the articles with a cover


class FakeContentError(Exception):
    """The database cannot take fake content (e.g. there is no zone directory)."""


class SlugMaker:
    """Pinyin slugs, unique among one parent's children, as the admin would make them."""

    def __init__(self, parent):
        self.used = set(parent.get_children().values_list("slug", flat=True))
        self.pinyin = {}
        self.numbers = {}  # the last number given to each slug, for titles seen often

    def __call__(self, title, moment):
        if title not in self.pinyin:
            self.pinyin[title] = base_slug(title, today=moment)
        base = slug = self.pinyin[title]
        number = self.numbers.get(base, 1)
        while slug in self.used:
            number += 1
            slug = f"{base}-{number}"
        self.numbers[base] = number
        self.used.add(slug)
        return slug


class FakeContent:
    """One run of `make_fake_content`: `run()` adds the zones and articles asked for."""

    def __init__(self, seed=1, years=6, log=print):
        self.rng = random.Random(seed)
        self.years = years
        self.log = log
        self.now = timezone.now().replace(second=0, microsecond=0)

    @contextmanager
    def step(self, name):
        """Logs how long the work inside took."""
        started = time.monotonic()
        yield
        self.log(f"{name}: {time.monotonic() - started:.1f} s")

    def moments(self, count):
        """Publish times spread over the last `years` years, in office hours, oldest first."""
        days = 365 * self.years
        moments = []
        for _ in range(count):
            day = timezone.localtime(self.now - datetime.timedelta(days=self.rng.randrange(days)))
            moments.append(day.replace(hour=self.rng.randint(8, 18), minute=self.rng.randrange(60)))
        return sorted(min(moment, self.now) for moment in moments)

    def run(self, articles=0, zones=0, index=True):
        with transaction.atomic():
            with self.step("site tree"):
                columns, zone_index = self.site_tree(zones)
            new_zones = []
            if zones:
                with self.step(f"{zones:,} zones"):
                    new_zones = self.add_zones(zone_index, zones)
            new_articles = []
            if articles:
                with self.step(f"{articles:,} articles, tags, zone links, view counts"):
                    new_articles = self.add_articles(columns, articles)
            if index:
                with self.step("search index"):
                    self.index(ZonePage, [zone.pk for zone in new_zones])
                    self.index(NewsPage, new_articles)
        bump_generation()  # no page was saved: cached pages and counts go stale here
        return {"articles": len(new_articles), "zones": len(new_zones)}

    def site_tree(self, zones):
        if not NewsIndexPage.objects.exists():
            self.log("No 资讯中心 yet: building the demo site first.")
            build_demo_site()
        news_index = NewsIndexPage.objects.first()
        columns = list(NewsCategoryPage.objects.child_of(news_index).live().order_by("path"))
        if not columns:
            raise FakeContentError("资讯中心 has no published column (栏目) to put articles in.")
        zone_index = ZoneIndexPage.objects.first()
        if zones and zone_index is None:
            raise FakeContentError("There is no 中国开发区 page (ZoneIndexPage) to put zones in.")
        return columns, zone_index

    def add_zones(self, zone_index, count):
        writer = ZoneWriter(self.rng, ZonePage.objects.values_list("title", flat=True))
        slug = SlugMaker(zone_index)
        moments = self.moments(count)
        pages = []
        for data, moment in zip(writer.zones(count), moments, strict=True):
            pages.append(
                ZonePage(**data, slug=slug(data["title"], moment), first_published_at=moment)
            )
        for chunk in chunks(pages, CHUNK):
            add_children(zone_index, chunk)
        return pages

    def add_articles(self, columns, count):
        zone_ids = dict(ZonePage.objects.values_list("title", "pk"))
        covers = [demo_image(f"fake-cover-{n}").pk for n in range(1, COVER_IMAGES + 1)]
        writer = ArticleWriter(self.rng, zone_ids, covers)
        tag_ids = {}
        weights = [self.rng.uniform(0.5, 2) for _ in columns]
        slugs = {column.pk: SlugMaker(column) for column in columns}
        ids = []
        started = time.monotonic()
        for moments in chunks(self.moments(count), CHUNK):
            written = []
            by_column = {}
            for moment in moments:
                column = self.rng.choices(columns, weights)[0]
                data = writer.article(column.title, moment)
                page = self.article_page(data, slugs[column.pk], covers)
                page.column_id = column.pk
                written.append((page, data))
                by_column.setdefault(column, []).append(page)
            for column, pages in by_column.items():
                add_children(column, pages)
            self.add_article_relations(written, tag_ids, zone_ids)
            ids += [page.pk for page, _ in written]
            self.log(f"  articles: {len(ids):,} / {count:,} ({time.monotonic() - started:.0f} s)")
        return ids

    def article_page(self, data, slug, covers):
        cover = self.rng.choice(covers) if self.rng.random() < COVER_SHARE else None
        return NewsPage(
            title=data["title"],
            slug=slug(data["title"], data["publish_time"]),
            source=data["source"],
            authors=data["authors"],
            editor=data["editor"],
            publish_time=data["publish_time"],
            first_published_at=data["publish_time"],
            summary=data["summary"],
            body=data["body"],
            cover_image_id=cover,
            is_headline=bool(cover) and self.rng.random() < HEADLINE_SHARE,
        )

    def add_article_relations(self, written, tag_ids, zone_ids):
        """Tags, related zones and view counts of freshly written articles."""
        for name in {name for _, data in written for name in data["tags"]} - tag_ids.keys():
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            tag_ids[name] = tag.pk
        NewsPageTag.objects.bulk_create(
            NewsPageTag(content_object_id=page.pk, tag_id=tag_ids[name])
            for page, data in written
            for name in data["tags"]
        )
        links = NewsPage.zones.through
        links.objects.bulk_create(
            links(newspage_id=page.pk, zonepage_id=zone_ids[data["zone"]])
            for page, data in written
            if data["zone"] in zone_ids
        )
        PageViewCount.objects.bulk_create(
            PageViewCount(page_id=page.pk, count=data["views"]) for page, data in written
        )

    def index(self, model, ids):
        """Add the new pages to every search backend, through its bulk API."""
        backends = list(get_search_backends())
        for done, chunk in enumerate(chunks(ids, INDEX_CHUNK), start=1):
            objects = list(model.get_indexed_objects().filter(pk__in=chunk))
            for backend in backends:
                backend.add_bulk(model, objects)
            if done % 10 == 0 or done * INDEX_CHUNK >= len(ids):
                self.log(f"  indexed {model.__name__}: {min(done * INDEX_CHUNK, len(ids)):,}")

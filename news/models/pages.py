"""资讯中心 and what hangs below it: columns (栏目), articles, tags and topics (专题)."""

import operator
from functools import cached_property, reduce

from django.db import connection, models
from django.db.models import Count, Q
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail.signals import post_page_move

from news.feeds import ArticleFeed
from news.statistics.panels import ViewFiguresPanel
from portal.caching import dependencies, generation
from portal.caching.pieces import piece, rendered
from portal.caching.sites import site_name
from portal.caching.tags import HEADLINES, children_tag, kind_tag, neighbours_tag, page_tag
from portal.core.blocks import BodyBlock, TopicSectionBlock
from portal.core.models import DatedPage, IndexPage, PortalPage
from portal.core.pagination import paginate

# Related articles are ranked among the articles last given each tag, this many a tag.
RELATED_CANDIDATES = 100
# Related articles are a suggestion: a new article may join them this late (seconds).
RELATED_LAG = 60 * 60


def for_cards(articles):
    """Articles as listed on cards: cover image and its renditions fetched up front."""
    return (
        articles.defer("body")  # cards never show it, and it is most of the row
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
    )


# The order of the (column, publish_time) index: ties by id, this table's own
# (`-pk` would sort by wagtailcore_page.id, which the index does not hold).
NEWEST_FIRST = ("-publish_time", "-page_ptr_id")


def in_any(querysets):
    """A filter for the rows whose pk one of the sliced `querysets` (of pks) gives.

    One UNION ALL subquery where sliced parts are allowed in it (PostgreSQL), so the
    rows are fetched by primary key; SQLite cannot, and gets OR-ed IN subqueries,
    which PostgreSQL would answer by scanning the whole table."""
    first, *rest = querysets
    if rest and connection.features.supports_slicing_ordering_in_compound:
        return Q(pk__in=first.union(*rest, all=True))
    return reduce(operator.or_, (Q(pk__in=queryset) for queryset in querysets))


def with_latest_articles(columns_and_counts):
    """The columns, each with `latest_articles`: its `count` newest live articles, kept
    until an article of that column changes. The lists not kept come in one query (and
    one for the cover renditions) however many columns there are."""
    wanted = {
        f"newest:{column.pk}:{count}": (column, count) for column, count in columns_and_counts
    }

    def build(names):
        newest = in_any(
            [wanted[name][0].articles().values("pk")[: wanted[name][1]] for name in names]
        )
        by_column = {wanted[name][0].pk: [] for name in names}
        for article in for_cards(NewsPage.objects.filter(newest).order_by(*NEWEST_FIRST)):
            by_column[article.column_id].append(article)
        built = {}
        for name in names:
            column = wanted[name][0]
            articles = by_column[column.pk]
            tags = {page_tag(column), children_tag(column.path), *map(page_tag, articles)}
            built[name] = (articles, tags)
        return built

    lists = generation.remember_each(list(wanted), build) if wanted else {}
    for name, (column, _) in wanted.items():
        column.latest_articles = lists[name]
    return [column for column, _ in columns_and_counts]


class ArticleFeedMixin(RoutablePageMixin):
    """A news section with the RSS feed of every article below it, at rss/."""

    @path("rss/", name="feed")
    def feed(self, request):
        articles = NewsPage.objects.live().public().descendant_of(self)
        return ArticleFeed(self, articles, site_name(request))(request)

    def get_cached_paths(self):
        return ["/", "rss/"]  # what a CDN purges with the page: the page and its feed


class NewsIndexPage(ArticleFeedMixin, IndexPage):
    """资讯中心: the parent of every news column and of the topics; serves /news/tags/<tag>/."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsCategoryPage", "news.TopicIndexPage"]

    class Meta:
        verbose_name = "资讯中心"

    latest_per_column = 5

    def get_main_context(self, request, *args, **kwargs):
        columns = list(NewsCategoryPage.objects.child_of(self).live().order_by("path"))
        return {
            "columns": with_latest_articles([(c, self.latest_per_column) for c in columns]),
            "topics": TopicPage.objects.descendant_of(self).live().order_by("-first_published_at"),
        }

    def tag_url(self, tag):
        return self.url + self.reverse_subpage("tag", args=[tag.slug])

    @path("tags/<str:tag>/", name="tag")
    def tag_listing(self, request, tag):
        tag = Tag.objects.filter(slug=tag).first() or Tag.objects.filter(name=tag).first()
        if tag is None:
            raise Http404("没有这个标签")
        articles = NewsPage.objects.live().descendant_of(self).filter(tags=tag)
        return render(
            request,
            "news/tag_page.html",
            {
                "page": self,
                "tag": tag,
                "articles": paginate(
                    request,
                    for_cards(articles.order_by(*NEWEST_FIRST)),
                    20,
                    count_key=f"tag:{self.pk}:{tag.pk}",
                ),
            },
        )


class NewsCategoryPage(ArticleFeedMixin, PortalPage):
    """栏目: a column of articles, newest first, with its RSS feed at rss/."""

    intro = RichTextField("栏目介绍", blank=True)
    accepts_submissions = models.BooleanField(
        "接受投稿", default=False, help_text="勾选后，此栏目出现在公开投稿表单的栏目选项中"
    )

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.NewsPage"]
    content_panels = PortalPage.content_panels + ["intro", "accepts_submissions"]
    per_page = 20

    class Meta:
        verbose_name = "新闻栏目"

    def articles(self):
        # By the copied column, not the tree path: one index gives them in order.
        return NewsPage.objects.filter(column=self).live().order_by(*NEWEST_FIRST)

    # A column shows its articles (children_tag), its sibling columns and itself: a
    # publish in another column leaves its pages cached.
    shows_precisely = True

    def get_main_context(self, request, *args, **kwargs):
        listed = children_tag(self.path)
        dependencies.shown(listed, kind_tag(NewsCategoryPage))
        articles = paginate(
            request,
            for_cards(self.articles()),
            self.per_page,
            count_key=f"column:{self.pk}",
            shows=(listed,),
        )

        def siblings():  # built only when not kept: building the query costs too
            columns = NewsCategoryPage.objects.sibling_of(self).live().order_by("path")
            return dependencies.pages_shown(columns)

        return {
            "articles": articles,
            "sibling_columns": generation.remember(
                f"sibling-columns:{self.pk}", siblings, tags=(kind_tag(NewsCategoryPage),)
            ),
        }


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        # The last articles given a tag, from the index alone (related articles).
        indexes = [models.Index(fields=["tag", "-content_object"], name="news_tag_newest_articles")]


class NewsPage(DatedPage):
    """An article in a column."""

    source = models.CharField("来源", max_length=100, blank=True)
    authors = models.CharField("作者", max_length=200, blank=True, help_text="多位作者以空格分隔")
    editor = models.CharField("责任编辑", max_length=100, blank=True)
    summary = models.TextField("摘要", blank=True, max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    is_headline = models.BooleanField(
        "头条/焦点", default=False, help_text="在首页头条区显示，需有封面图片"
    )
    tags = ClusterTaggableManager("标签", through=NewsPageTag, blank=True)
    zones = ParentalManyToManyField(
        "zones.ZonePage", verbose_name="相关开发区", blank=True, related_name="articles"
    )
    # The parent column, copied from the tree so listings, neighbours and home blocks
    # walk one index (column, publish_time) instead of every child path of the column.
    # Set on save from the page's path, kept from the live row when a revision is
    # loaded, and updated on moves (keep_column_after_move below).
    column = models.ForeignKey(
        "news.NewsCategoryPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the index below starts with it
    )

    parent_page_types = ["news.NewsCategoryPage"]
    subpage_types = []

    content_panels = DatedPage.content_panels + [
        MultiFieldPanel(["source", "authors", "editor", "publish_time"], heading="来源与发布"),
        "summary",
        MultiFieldPanel(["cover_image", "is_headline"], heading="封面与头条"),
        "body",
        "tags",
        "zones",
    ]
    search_fields = DatedPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("publish_time"),
    ]

    related_count = 6
    # An article shows itself, its crumbs, its neighbours and related articles (recorded
    # by get_main_context): publishing another article leaves it cached.
    shows_precisely = True

    class Meta:
        verbose_name = "新闻文章"
        indexes = [
            models.Index(
                fields=["column", "-publish_time", "-page_ptr"], name="news_article_column_time"
            ),
            models.Index(fields=["-publish_time", "-page_ptr"], name="news_article_time"),
        ]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.path and (update_fields is None or "column" in update_fields):
            self.column_id = self.parent_column_id()
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision (previews, publishing) belongs where the page is now.
        page = super().with_content_json(content)
        page.column_id = self.column_id
        return page

    def parent_column_id(self):
        parent_path = self.path[: -self.steplen]
        parent = getattr(self, "_cached_parent_obj", None)  # set by add_child()
        if isinstance(parent, NewsCategoryPage) and parent.path == parent_path:
            return parent.pk
        columns = NewsCategoryPage.objects.filter(path=parent_path)
        return columns.values_list("pk", flat=True).first()

    def column_articles(self):
        """The other live articles of this article's column, newest first."""
        return (
            NewsPage.objects.filter(column=self.column_id)
            .live()
            .exclude(pk=self.pk)
            .order_by(*NEWEST_FIRST)
        )

    def column_neighbours(self):
        """(上一篇, 下一篇): the next older and the next newer article of the same column,
        both in one query."""
        siblings = self.column_articles()
        moment = self.publish_time
        older = siblings.filter(Q(publish_time__lt=moment) | Q(publish_time=moment, pk__lt=self.pk))
        newer = siblings.filter(
            Q(publish_time__gt=moment) | Q(publish_time=moment, pk__gt=self.pk)
        ).reverse()
        both = NewsPage.objects.filter(
            in_any([older.values("pk")[:1], newer.values("pk")[:1]])
        ).defer("body")
        previous = next_one = None
        for article in both:
            if (article.publish_time, article.pk) < (moment, self.pk):
                previous = article
            else:
                next_one = article
        return previous, next_one

    def related_articles(self, tags):
        """Up to six: most shared tags first, then the newest of the same column.

        One query over a bounded set of candidates, the column's newest articles and
        the last RELATED_CANDIDATES articles given each tag, so the cost does not grow
        with the number of articles; an older article is missed only when a tag has
        more than that many newer ones."""
        tag_ids = [tag.pk for tag in tags]
        candidates = [self.column_articles().values("pk")[: self.related_count]] + [
            NewsPageTag.objects.filter(tag_id=tag_id)
            .order_by("-content_object_id")
            .values("content_object_id")[:RELATED_CANDIDATES]
            for tag_id in tag_ids
        ]
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids))
        related = (
            for_cards(NewsPage.objects.live().exclude(pk=self.pk).filter(in_any(candidates)))
            .annotate(shared_tags=shared)
            .order_by("-shared_tags", *NEWEST_FIRST)
        )
        return list(related[: self.related_count])

    @property
    def column_url(self):
        """The column's address, read off this page's own: no query needed."""
        return self.url.rsplit("/", 2)[0] + "/" if self.url else None

    def tag_url(self, tag):
        news_index_url = self.column_url.rsplit("/", 2)[0] + "/"
        return news_index_url + NewsIndexPage.get_resolver().reverse("tag", tag.slug)

    def invalidation_tags(self):
        # Its neighbours show it as 上一篇/下一篇, its column's lists and maybe the 头条
        # show it (called before and after a change).
        neighbours = self.column_neighbours() if self.column_id and self.live else ()
        tags = {neighbours_tag(n) for n in neighbours if n}
        if self.path:
            tags.add(children_tag(self.path[: -self.steplen]))
        if self.is_headline:
            tags.add(HEADLINES)
        return super().invalidation_tags() | tags

    def extra_cached_urls(self):
        """Where else readers meet the article, for a CDN purge: its tags' pages, and its
        neighbours (上一篇/下一篇)."""
        _, root_url, _ = self.get_url_parts()
        neighbours = [page.full_url for page in self.column_neighbours() if page]
        return [root_url + self.tag_url(tag) for tag in self.tags.all()] + neighbours

    def get_main_context(self, request, *args, **kwargs):
        if self.pk is None:  # a new page in preview has no place in the tree yet
            return {
                "body_html": self.body_html(request),
                "tags_html": rendered("news/includes/article_tags.html", {}),
                "neighbours_html": rendered("news/includes/article_neighbours.html", {}),
                "related_html": rendered("news/includes/related_articles.html", {}),
            }
        # Each piece is kept until what it shows changes: the article's own edit rebuilds
        # them all, a neighbour's arrival only 上一篇/下一篇 (portal/caching/pieces.py).
        mine = page_tag(self)
        return {
            "body_html": piece(
                request, "article-body", lambda: self.body_html(request), self.pk, tags=(mine,)
            ),
            "tags_html": piece(request, "article-tags", self.tags_html, self.pk, tags=(mine,)),
            "neighbours_html": piece(
                request,
                "article-neighbours",
                lambda: self.neighbours_html(request),
                self.pk,
                tags=(mine, neighbours_tag(self)),
            ),
            "related_html": piece(
                request,
                "article-related",
                lambda: self.related_html(request),
                self.pk,
                tags=(mine,),
            ),
        }

    def body_html(self, request):
        return rendered("news/includes/article_body.html", {"request": request, "page": self})

    @cached_property
    def tag_list(self):
        """Its tags, read once for the pieces that show or use them."""
        return list(self.tags.all())

    def tags_html(self):
        tag_links = [(tag, self.tag_url(tag)) for tag in self.tag_list]
        return rendered("news/includes/article_tags.html", {"tag_links": tag_links})

    def neighbours_html(self, request):
        previous_article, next_article = self.column_neighbours()
        dependencies.shown(*(page_tag(page) for page in (previous_article, next_article) if page))
        context = {"request": request, "previous_article": previous_article}
        context["next_article"] = next_article
        return rendered("news/includes/article_neighbours.html", context)

    def related_html(self, request):
        related = self.related_articles(self.tag_list)
        dependencies.shown(*map(page_tag, related))
        dependencies.lasts_at_most(RELATED_LAG)  # a new article may join the related ones
        context = {"request": request, "related_articles": related}
        return rendered("news/includes/related_articles.html", context)


@receiver(post_page_move, dispatch_uid="news-article-moved")
def keep_column_after_move(sender, instance, parent_page_after, **kwargs):
    """A move rewrites paths with queries, not NewsPage.save(): follow it here."""
    if sender is NewsPage:
        is_column = parent_page_after.specific_class is NewsCategoryPage
        column = parent_page_after.pk if is_column else None
        NewsPage.objects.filter(pk=instance.pk).update(column=column)


# Wagtail's three tabs (its own headings, so its translations), then the article's own
# 访问统计 (news.statistics.panels).
NewsPage.edit_handler = TabbedInterface(
    [
        ObjectList(NewsPage.content_panels, heading=gettext_lazy("Content")),
        ObjectList(NewsPage.promote_panels, heading=gettext_lazy("Promote")),
        ObjectList(NewsPage.settings_panels, heading=gettext_lazy("Settings")),
        ObjectList([ViewFiguresPanel()], heading="访问统计"),
    ],
    base_form_class=NewsPage.base_form_class,
)


class TopicIndexPage(PortalPage):
    """The container of 专题 pages at /news/topics/."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = "专题列表"


class TopicPage(PortalPage):
    """专题: a curated collection of articles around one theme."""

    introduction = RichTextField("专题介绍", blank=True)
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="横幅图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    sections = StreamField([("section", TopicSectionBlock())], verbose_name="专题栏目", blank=True)

    parent_page_types = ["news.TopicIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + ["banner_image", "introduction", "sections"]

    class Meta:
        verbose_name = "专题"

    def section_articles(self, section):
        articles = NewsPage.objects.live()
        picked = [page.pk for page in section["articles"] if page]
        if picked:
            articles = articles.filter(pk__in=picked)
        elif section["tag"]:
            articles = articles.filter(tags__name=section["tag"])
        else:
            return []
        return for_cards(articles.order_by("-publish_time", "-pk"))[: section["count"]]

    def get_main_context(self, request, *args, **kwargs):
        sections = [
            {"title": block.value["title"], "articles": self.section_articles(block.value)}
            for block in self.sections
        ]
        return {"sections": sections}

"""网站健康自查: the lines the admin page and the weekly e-mail show, each with where an
editor fixes it. A fixed number of queries whatever the size of the site; a section lists
its first LINES_PER_SECTION lines and says how many there are in all."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from association.deadlines import edit_url as message_edit_url
from association.deadlines import overdue_messages
from news.models import NewsPage
from portal.site import content_checks
from portal.site.health.columns import column_states
from portal.site.health.models import ContentFinding, LinkUse
from portal.site.models import HomePage

LINES_PER_SECTION = 100


def shown_time(moment):
    return date_format(timezone.localtime(moment), "Y年m月d日 H:i")


@dataclass
class Line:
    text: str
    fix_url: str  # an address in the admin
    fix_label: str

    @property
    def full_fix_url(self):
        """The fix address for an e-mail: on the admin's own host (WAGTAILADMIN_BASE_URL)."""
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.fix_url


@dataclass
class Section:
    key: str
    title: str
    lines: list = field(default_factory=list)
    total: int = 0
    note: str = ""  # what the section checks, or why it cannot yet
    settings_url: str = ""  # where what the section counts as a problem is set

    @property
    def more(self):
        return self.total - len(self.lines)


def edit_page(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def add_below(page_id):
    return reverse("wagtailadmin_pages:add_subpage", args=[page_id])


def column_sections(now):
    stale = Section(
        "stale",
        "栏目更新不及时",
        note="超过更新周期没有新内容的栏目和首页；各栏目的周期在“栏目更新周期”中调整。",
        settings_url=reverse("wagtailsnippets_site_health_columnschedule:list"),
    )
    empty = Section("empty", "空栏目", note="没有任何已发布内容的栏目。")
    for state in column_states(now):
        page = state.page
        is_home = page.specific_class is HomePage
        if state.is_empty and not is_home:
            empty.lines.append(
                Line(f"「{page.title}」没有已发布的内容", add_below(page.pk), "添加内容")
            )
        elif state.is_stale(now):
            days = state.days_since_update(now)
            text = (
                f"「{page.title}」（{state.kind_label}）已 {days} 天未更新，"
                f"更新周期 {state.interval_days} 天；最近更新 {shown_time(state.latest)}"
            )
            fix = (edit_page(page.pk), "编辑首页") if is_home else (add_below(page.pk), "添加内容")
            stale.lines.append(Line(text, *fix))
    for section in (stale, empty):
        section.total = len(section.lines)
        section.lines = section.lines[:LINES_PER_SECTION]
    return [stale, empty]


def waiting_messages(now):
    section = Section(
        "messages",
        "留言超期未答复",
        note="过了办理期限（按“留言办理”设置的工作日数和节假日日历）仍未回复的留言。",
    )
    today = timezone.localdate(now)
    overdue = overdue_messages(today)
    section.total = overdue.count()
    for message in overdue.only("pk", "subject", "created_at", "due_date")[:LINES_PER_SECTION]:
        late = (today - message.due_date).days
        text = (
            f"「{message.subject}」{shown_time(message.created_at)} 收到，"
            f"办理期限 {message.due_date:%Y年%m月%d日}，已超期 {late} 天"
        )
        section.lines.append(Line(text, message_edit_url(message), "回复留言"))
    return section


def dead_links():
    failures = settings.SITE_HEALTH_LINK_FAILURES
    section = Section(
        "links",
        "失效链接",
        note=f"链接目录和已发布页面正文中的外部链接，连续 {failures} 次检查（每次相隔至少 "
        f"{settings.SITE_HEALTH_LINK_RECHECK_HOURS:g} 小时）都打不开。",
    )
    uses = LinkUse.objects.filter(link__consecutive_failures__gte=failures)
    section.total = uses.count()
    uses = uses.select_related("link", "directory_link__group", "page").order_by(
        F("directory_link__group__sort_order").asc(nulls_last=True),
        F("directory_link__sort_order").asc(nulls_last=True),
        "page__path",
        "link__url",
    )
    for use in uses[:LINES_PER_SECTION]:
        link = use.link
        last = link.last_error or link.last_status
        why = f"连续 {link.consecutive_failures} 次失败，最近一次：{last}"
        if use.directory_link_id:
            entry = use.directory_link
            text = f"链接目录「{entry.group.name}」中的「{entry.name}」{link.url}：{why}"
            fix = reverse("wagtailsnippets_portal_linkgroup:edit", args=[entry.group_id])
            section.lines.append(Line(text, fix, "编辑链接"))
        else:
            text = f"「{use.page.title}」正文中的链接 {link.url}：{why}"
            section.lines.append(Line(text, edit_page(use.page_id), "编辑页面"))
    return section


def incomplete_articles(now):
    section = Section(
        "incomplete",
        "文章缺少来源或发布时间有误",
        note="已发布的文章没有来源，或发布时间晚于现在。",
    )
    articles = NewsPage.objects.live().filter(Q(source="") | Q(publish_time__gt=now))
    section.total = articles.count()
    for article in articles.only("pk", "title", "source", "publish_time").order_by("path")[
        :LINES_PER_SECTION
    ]:
        problems = []
        if not article.source:
            problems.append("缺少来源")
        if article.publish_time > now:
            problems.append(f"发布时间 {shown_time(article.publish_time)} 晚于现在")
        text = f"「{article.title}」{'，'.join(problems)}"
        section.lines.append(Line(text, edit_page(article.pk), "编辑文章"))
    return section


CONTENT_SECTIONS = (
    (content_checks.BROKEN_LINK, "站内链接失效", "链接到已删除、未发布或不存在的本站页面。"),
    (content_checks.REDIRECTED_LINK, "链接到旧网站地址", "链接的旧地址已转到新页面。"),
    (content_checks.MISSING_ALT, "图片缺少替代文字", "图片没有替代文字，也没有图片说明。"),
    (content_checks.SENSITIVE_WORD, "含敏感词", "已发布内容中出现“敏感词”列表中的词。"),
)
CONTENT_NOTE = "每晚检查全部已发布页面，页面发布时即重新检查该页。"


def content_sections():
    """What the publish-time checks (portal.site.content_checks) found in live pages, as
    the nightly `check_content` and each publish keep it (portal.site.health.content)."""
    totals = dict(ContentFinding.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    sections = []
    for kind, title, note in CONTENT_SECTIONS:
        section = Section(kind, title, note=f"{note}{CONTENT_NOTE}", total=totals.get(kind, 0))
        findings = ContentFinding.objects.filter(kind=kind)
        shown = (
            findings.select_related("page")
            .only("message", "page__title")
            .order_by("page__path", "pk")
        )
        for finding in shown[:LINES_PER_SECTION] if section.total else ():
            text = f"「{finding.page.title}」{finding.message}"
            section.lines.append(Line(text, edit_page(finding.page_id), "编辑页面"))
        sections.append(section)
    return sections


def site_health(now=None):
    """Every section of the self-check, in the order the page and the e-mail show them."""
    now = now or timezone.now()
    return [
        *column_sections(now),
        waiting_messages(now),
        dead_links(),
        incomplete_articles(now),
        *content_sections(),
    ]

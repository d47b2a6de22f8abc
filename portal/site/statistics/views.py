"""The 访问统计 screen: every table of the period and scope with its chart, or one table
as a CSV/XLSX download (?export=csv&table=daily)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from portal.site.statistics import exports, searches, tables
from portal.site.statistics.forms import LAST_DAYS, PeriodForm

# Editors and administrators: 编辑 is granted it by setup_roles, 投稿人 is not.
PERMISSION = "news_statistics.view_dailyview"


def statistics(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = PeriodForm(request.GET)
    period, scope, today = form.period, form.scope, form.today
    available = tables.builders(scope)
    title = tables.period_title(period)
    if "export" in request.GET:
        name, format = request.GET.get("table"), request.GET.get("export")
        if name not in available or format not in exports.FORMATS:
            raise Http404("没有这个下载。")
        return exports.download(available[name](period, scope, today), format, period, title)
    shown = [build(period, scope, today) for build in available.values()]
    query = request.GET.copy()
    for name in ("export", "table", "days", "start", "end"):
        query.pop(name, None)
    return TemplateResponse(
        request,
        "portal/statistics/index.html",
        {
            "form": form,
            "scope": scope,
            "scope_edit_url": reverse("wagtailadmin_pages:edit", args=[scope.pk]) if scope else "",
            "period": period,
            "period_title": title,
            "views": sum(row[1] for row in shown[0].rows),  # the daily table comes first
            "searches": searches.totals(period) if scope is None else None,
            "tables": shown,
            "ranges": [(days, f"最近 {days} 天") for days in LAST_DAYS],
            "scope_query": query.urlencode(),
            "period_query": period_query(request.GET),
        },
    )


def period_query(data):
    """The query string of the chosen period and page, for the download links."""
    kept = data.copy()
    for name in ("export", "table"):
        kept.pop(name, None)
    return kept.urlencode()

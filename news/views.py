"""The views of news outside the page tree."""

from django.db import connection, transaction
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from news import readers
from news.forms import LARGEST_ID
from news.models import NewsPage, PageViewCount
from news.statistics import recording


# No CSRF token (cached pages cannot carry one): the Origin check in `readers` refuses
# other sites instead.
@csrf_exempt
@require_POST
@never_cache
def hit_view(request, page_id):
    """Called by the article's script, so cached HTML still counts and bots without JS
    don't; a reader counts once per article per window (news.readers), in the page's
    total and in the day's aggregate with the referrer's domain and the device class
    the script sends (news.statistics)."""
    if readers.from_another_site(request):
        return HttpResponseForbidden("不接受其他网站提交的点击。")
    # An id past the database's integers is no article (SQLite would overflow on it).
    if page_id > LARGEST_ID or not is_live_article(page_id):
        raise Http404("文章不存在")
    if not readers.RATE_LIMIT.allow(request):
        return JsonResponse({"error": "点击过于频繁，请稍后再试。"}, status=429)
    if readers.first_view(request, page_id):
        return JsonResponse({"count": count_view(request, page_id)})
    return JsonResponse({"count": PageViewCount.for_page(NewsPage(pk=page_id))})


def is_live_article(page_id):
    """`NewsPage.objects.live().filter(pk=…).exists()` in plain SQL: every hit asks it,
    and building the ORM's query cost a sixth of a hit's CPU."""
    quote = connection.ops.quote_name
    page, article = quote(Page._meta.db_table), quote(NewsPage._meta.db_table)
    page_id_column = f"{page}.{quote(Page._meta.pk.column)}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {page} JOIN {article} "
            f"ON {article}.{quote(NewsPage._meta.pk.column)} = {page_id_column} "
            f"WHERE {page_id_column} = %s AND {page}.{quote('live')}",
            [page_id],
        )
        return cursor.fetchone() is not None


def count_view(request, page_id):
    """Both counts in one transaction: one commit, and never one without the other."""
    referrer = recording.referrer_domain(request.POST.get("referrer"))
    device = recording.device_class(request.POST.get("device"))
    with transaction.atomic():
        recording.add_view(page_id, referrer, device)
        return PageViewCount.add_view(page_id)

"""The views of news outside the page tree."""

from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from news.models import PageViewCount


@csrf_exempt  # a plain counter: no state a forged request could abuse beyond a +1
@require_POST
@never_cache
def hit_view(request, page_id):
    """Called by the page's script, so cached HTML still counts and bots without JS don't."""
    if not Page.objects.live().filter(pk=page_id).exists():
        raise Http404("页面不存在")
    return JsonResponse({"count": PageViewCount.add_view(page_id)})

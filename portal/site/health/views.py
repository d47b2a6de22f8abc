from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.site.health.report import shown_time, site_health

PERMISSION = "site_health.view_site_health"


@permission_required(PERMISSION, raise_exception=True)
def report(request):
    now = timezone.now()
    context = {"sections": site_health(now), "checked_at": shown_time(now)}
    return TemplateResponse(request, "site_health/report.html", context)

from django.conf import settings
from wagtail.models import Site


def site_name(request):
    """The name of the Wagtail site serving `request`, or the configured default."""
    site = Site.find_for_request(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME

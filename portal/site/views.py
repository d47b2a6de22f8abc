import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found

from portal.site.navigation import chrome_without_database

# Seconds a browser or crawler is asked to wait before trying again during an outage.
RETRY_AFTER = 120


def server_error(request):
    """The 500 page: a static template with no request context, so it renders even
    when the database is down. When the database is what failed (it cannot be reached,
    or the connection broke), readers get the 503 maintenance page instead."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return database_unavailable(request)
    html = loader.get_template("500.html").render({"site_name": settings.WAGTAIL_SITE_NAME})
    return HttpResponseServerError(html)


def database_unavailable(request):
    """「网站维护中」 with the chrome from the fragment cache, rendered without a query;
    never cached, and Retry-After tells crawlers this is temporary."""
    chrome = chrome_without_database(request)
    context = {**chrome, "site_name": chrome.get("site_name") or settings.WAGTAIL_SITE_NAME}
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: the reason in Chinese, in the site's
    chrome (Django's own page is English and bare)."""
    response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response


class PortalNotFoundMiddleware:
    """Under DEBUG (`make run`) Django answers an unknown address with its English debug
    page; whoever tries the demo should meet the portal's own 404, as in production."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None

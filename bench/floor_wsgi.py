"""The floor: the cheapest Django response, for the benchmark to compare pages against.

A view returning a constant string, with no middleware, no database and no templates,
served by the same gunicorn command and worker count as the portal.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="the-floor-has-no-secrets",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def floor(request):
    return HttpResponse("floor", content_type="text/plain")


urlpatterns = [path("", floor)]

application = get_wsgi_application()

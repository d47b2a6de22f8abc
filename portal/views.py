from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The 500 page: a static template with no request context, so it renders even
    when the database is down."""
    html = loader.get_template("500.html").render({"site_name": settings.WAGTAIL_SITE_NAME})
    return HttpResponseServerError(html)

"""Content-Security-Policy: the strict public policy, the admin's looser one.

Every response gets `settings.CONTENT_SECURITY_POLICY` from django-csp. Under the
Wagtail admin's URL (its editors and page previews included) the policy is
`settings.CONTENT_SECURITY_POLICY_ADMIN` instead, because the admin relies on inline
scripts and styles that public pages must never need.
"""

from functools import cache

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


def is_admin(request):
    return request.path_info.startswith(admin_prefix())

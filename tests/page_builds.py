"""Pages built as on their first view after a change of content, for query counts."""

from portal.core import models as core_models
from portal.core.models import PortalPage
from portal.site.models import home as home_models


def build_pages_afresh(patch):
    """With `patch` (pytest's monkeypatch), every page gathers its main block, route and
    privacy lookup again; the chrome, the site lookup and listing counts stay cached."""
    patch.setattr(PortalPage, "cache_main", False)
    for module in (core_models, home_models):  # the privacy lookup, and routing
        patch.setattr(module, "remember", lambda name, build, **kwargs: build())

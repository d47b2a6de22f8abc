"""Pages built as on their first view after a change of content, for query counts."""

from portal import models as portal_models
from portal.models import PortalPage


def build_pages_afresh(patch):
    """With `patch` (pytest's monkeypatch), every page gathers its main block, route and
    privacy lookup again; the chrome, the site lookup and listing counts stay cached."""
    patch.setattr(PortalPage, "cache_main", False)
    patch.setattr(portal_models, "remember", lambda name, build, **kwargs: build())

"""Pages built as on their first view after a change of content, for query counts."""

from django.conf import settings

from portal.caching import routes


def build_pages_afresh(patch):
    """With `patch` (pytest's monkeypatch), every page gathers its main block, route and
    privacy lookup again; the chrome, the site lookup and listing counts stay cached."""
    patch.setattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    patch.setattr(routes, "remember", lambda name, build, **kwargs: build())

"""What the portal needs from Wagtail's, Django's and treebeard's private parts, in one
place: an upgrade that changes one of them breaks a test of this module
(tests/test_compat.py), not a page in production."""


def cached_parent(page):
    """The parent treebeard's `add_child()` (and Wagtail's page forms) remember on a page
    not yet saved in the tree, or None."""
    return getattr(page, "_cached_parent_obj", None)

"""The names of what cached entries show, besides single pages (`page_tag`): pieces many
entries share, touched by the changes listed beside each (invalidation.py and the page
types' `invalidation_tags`)."""

from portal.caching.dependencies import ANY_CONTENT, page_tag

# The header, menu, footer, site name and feed links of every page: a page near the top
# of the tree (a menu item), a magazine issue, the link directory, the site's settings.
CHROME = "chrome"
# The 通知公告 box of every page and the clock's next change: any notice.
NOTICES = "notices"
# When scheduled publishing next changes a page: any revision.
SCHEDULE = "schedule"
# The home page's 头条: an article marked 头条/焦点 (before or after its change).
HEADLINES = "headlines"


def kind_tag(model):
    """What lists pages of a type wherever they are (the home page's topics, zones…):
    touched when one of them changes."""
    return f"kind:{model._meta.label_lower}"


def children_tag(parent_path):
    """What lists the children of the page at `parent_path` (a column's articles):
    touched when one of them changes, arrives or leaves."""
    return f"children:{parent_path}"


def neighbours_tag(page_or_id):
    """What only the page itself shows about its place among its siblings (上一篇/下一篇):
    touched when a sibling arrives or leaves next to it, leaving the pages that merely
    show it (listings, related articles) as they are."""
    return f"around:{getattr(page_or_id, 'pk', page_or_id)}"


__all__ = [
    "ANY_CONTENT",
    "CHROME",
    "HEADLINES",
    "NOTICES",
    "SCHEDULE",
    "children_tag",
    "kind_tag",
    "neighbours_tag",
    "page_tag",
]

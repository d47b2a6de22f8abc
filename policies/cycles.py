"""Revise/repeal links must not form a cycle: A revises B revises A would leave both
documents marked as replaced, and no document in force."""

from collections import deque

from wagtail.models import Page


def link_cycle(page, targets, link_model):
    """The titles along the cycle that linking `page` to `targets` would close (page
    first and last), or None. Links are read in one query; the page's own stored links
    are left out, since `targets` replaces them."""
    targets = [target for target in targets if target is not None]
    if any(target.pk == page.pk for target in targets):
        return [page.title, page.title]
    if page.pk is None:
        return None  # a new page: nothing links to it yet
    edges = {}
    for source, target in link_model.objects.exclude(source=page.pk).values_list(
        "source", "target"
    ):
        edges.setdefault(source, []).append(target)
    came_from = {target.pk: None for target in targets}
    queue = deque(came_from)
    while queue:
        current = queue.popleft()
        if current == page.pk:
            return titles_back(current, came_from, page)
        for following in edges.get(current, ()):
            if following not in came_from:
                came_from[following] = current
                queue.append(following)
    return None


def titles_back(end, came_from, page):
    """page → … → page, read back from the breadth-first search's `came_from`."""
    chain = []
    node = came_from[end]
    while node is not None:
        chain.append(node)
        node = came_from[node]
    titles = dict(Page.objects.filter(pk__in=chain).values_list("pk", "title"))
    return [page.title, *(titles[pk] for pk in reversed(chain)), page.title]

"""What portal.compat relies on in Wagtail, Django and treebeard still holds: an upgrade
that changes one of these private parts fails here first."""

import pytest

from news.models import NewsPage
from portal.compat import cached_parent


@pytest.mark.django_db
def test_treebeard_remembers_the_parent_of_the_page_it_adds(column):
    page = NewsPage(title="招商引资", source="协会", authors="")
    assert cached_parent(page) is None
    column.add_child(instance=page)
    assert cached_parent(page) is column

"""A site set up before 访问统计 existed: after `migrate`, its editors see the statistics."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission

migration = import_module("news.statistics.migrations.0002_editors_see_statistics")


def test_the_editors_of_an_existing_site_gain_the_statistics(db):
    editors, _ = Group.objects.get_or_create(name=migration.EDITORS)
    editors.permissions.clear()
    Permission.objects.filter(codename="view_dailyview").delete()  # as before the app existed
    migration.grant_editors_the_statistics(apps, None)
    migration.grant_editors_the_statistics(apps, None)  # and again: nothing more
    assert list(editors.permissions.values_list("codename", flat=True)) == ["view_dailyview"]


def test_without_the_editors_group_it_creates_none(db):
    Group.objects.filter(name=migration.EDITORS).delete()
    migration.grant_editors_the_statistics(apps, None)
    assert not Group.objects.filter(name=migration.EDITORS).exists()

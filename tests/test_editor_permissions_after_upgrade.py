"""A site set up before a feature existed: after `migrate`, its editors can use it
(访问统计, 网站健康自查, the 留言 calendar) without anyone running `setup_roles` again."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate

from news.roles import EDITORS, setup_roles

ADDED_LATER = {"view_dailyview", "view_site_health", "change_calendarday"}


def migrate_signal():
    news = apps.get_app_config("news")
    post_migrate.send(
        sender=news, app_config=news, verbosity=0, interactive=False, using="default", apps=apps
    )


def test_editors_of_an_older_site_gain_the_new_features_on_migrate(db):
    setup_roles()
    editors = Group.objects.get(name=EDITORS)
    kept = set(editors.permissions.values_list("codename", flat=True))
    assert kept >= ADDED_LATER
    # As on a site set up before these features: neither the permissions nor the grants.
    Permission.objects.filter(codename__in=ADDED_LATER).delete()
    migrate_signal()
    assert set(editors.permissions.values_list("codename", flat=True)) == kept
    migrate_signal()  # and again: nothing more
    assert set(editors.permissions.values_list("codename", flat=True)) == kept


def test_a_site_without_the_group_gets_none_from_migrate(db):
    Group.objects.filter(name=EDITORS).delete()
    migrate_signal()
    assert not Group.objects.filter(name=EDITORS).exists()

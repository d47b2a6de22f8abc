from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        post_migrate.connect(give_editors_new_permissions, sender=self, dispatch_uid="editors")


def give_editors_new_permissions(using, **kwargs):
    """An upgraded site's editors see its new features without `setup_roles` (news.roles)."""
    from news.roles import give_editors_what_upgrades_added

    if using == "default":
        give_editors_what_upgrades_added()

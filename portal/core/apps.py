from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Page base classes, blocks, slugs, forms and upload checks every app builds on."""

    name = "portal.core"
    label = "portal_core"
    verbose_name = "门户基础"

    def ready(self):
        # The models that feed the search dictionary are known only once every app has
        # loaded: connect the handlers that keep it in step with them now.
        from portal.compat import clean_every_exported_cell
        from portal.core import dictionary
        from portal.core.spreadsheets import neutralised

        dictionary.connect()
        clean_every_exported_cell(neutralised)

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.ops.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile the portal's translations (LOCALE_PATHS) into .mo files, without gettext."

    def handle(self, *args, **options):
        written = compile_catalogues(settings.LOCALE_PATHS)
        for path in written:
            self.stdout.write(f"compiled {path}")
        if not written:
            self.stdout.write("translations up to date")

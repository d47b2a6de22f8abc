from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder (from `backup`) into the configured database and MEDIA_ROOT. "
        "Refuses to overwrite a database or media folder that holds data unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", help="the backup folder, e.g. backups/portal-20261125T033000Z"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the data of a database and media folder that are not empty",
        )

    def handle(self, *args, folder, replace=False, **options):
        try:
            manifest = restore(folder, replace=replace, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created']}: {counts['pages']} pages, "
                f"{counts['revisions']} revisions, {len(manifest['media']['files'])} media "
                "files; checksums, migrations and counts verified."
            )
        )
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(
                "This code has migrations the backup predates: run `manage.py migrate` next."
            )

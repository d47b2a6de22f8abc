from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media files into one folder under BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="write the backup folder here instead of BACKUP_DIR")

    def handle(self, *args, dir=None, **options):
        try:
            folder, manifest = backup(dir, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        media, counts = manifest["media"], manifest["counts"]
        size = manifest["database"]["bytes"] + media["bytes"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {folder}: {manifest['engine']} database with "
                f"{counts['pages']} pages and {counts['revisions']} revisions, "
                f"{len(media['files'])} media files, {size / 1e6:.1f} MB in all."
            )
        )

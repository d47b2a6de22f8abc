from django.core.management.base import BaseCommand, CommandError

from association.privacy import erase_person, export_person, rows_to_csv, rows_to_json


class Command(BaseCommand):
    help = (
        "Export or erase one person's personal data (留言 and 投稿 records), found by phone "
        "or e-mail, as the person may ask under PIPL. "
        "Example: personal_data export --phone 13800138000 --format csv > data.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("--phone", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--yes", action="store_true", help="erase without asking")

    def handle(self, *args, action, phone, email, format, yes, **options):
        if not phone.strip() and not email.strip():
            raise CommandError("Give --phone or --email (or both).")
        rows = export_person(phone, email)
        if action == "export":
            self.stdout.write(rows_to_json(rows) if format == "json" else rows_to_csv(rows))
            self.stderr.write(f"Exported {len(rows)} record(s).")
            return
        if not rows:
            self.stdout.write("Nothing to erase: no record matches.")
            return
        if not yes and input(f"Erase {len(rows)} record(s)? [y/N] ").strip().lower() != "y":
            raise CommandError("Cancelled; nothing was erased.")
        counts = erase_person(phone, email)
        summary = ", ".join(f"{kind}: {count}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Erased {summary}."))

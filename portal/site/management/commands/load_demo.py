from django.core.management.base import BaseCommand

from portal.site.demo.tree import build_demo_site, ensure_admin
from portal.site.health.content import check_content


class Command(BaseCommand):
    help = "Build (or refresh) the demo site tree with realistic content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="do not create or reset the demo admin user"
        )
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="host:port the site is served at, for the admin address printed (make run)",
        )

    def handle(self, *args, no_admin=False, address="127.0.0.1:8000", **options):
        self.stdout.write("Building the demo site…")
        counts = build_demo_site()
        check_content()  # the self-check's content lines, as the nightly job keeps them
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready: {counts['articles']} articles, {counts['zones']} zones."
            )
        )
        if not no_admin:
            username, password = ensure_admin()
            self.stdout.write(
                f"Admin: http://{address}/admin/  user {username}  password {password}"
            )

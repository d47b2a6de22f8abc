from django.core.management.base import BaseCommand

from news.roles import CONTRIBUTORS, EDITORS, REVIEW, setup_roles


class Command(BaseCommand):
    help = (
        "Create or repair the groups 编辑 and 投稿人, their permissions and the 编辑审核 "
        "workflow on the news section. Safe to run again."
    )

    def handle(self, *args, **options):
        self.stdout.write("Setting up editorial roles…")
        summary = setup_roles()
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles ready: {EDITORS} publishes and reviews; {CONTRIBUTORS} may add pages in "
                f"{summary['columns']} columns; workflow {REVIEW} on "
                f"{summary['news_indexes']} news section(s)."
            )
        )

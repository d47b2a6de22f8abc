import time

from django.core.management.base import BaseCommand, CommandError

from portal.site.fake.content import FakeContent, FakeContentError


class Command(BaseCommand):
    help = (
        "Fill the database with realistic fake articles and development zones, written in "
        "bulk, for scale tests and benchmarks. Builds the demo site first when there is none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="articles to add")
        parser.add_argument("--zones", type=int, default=100, help="development zones to add")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same text")
        parser.add_argument(
            "--years", type=int, default=6, help="publish times spread over this many years"
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="leave the search index alone (run `manage.py update_index` later)",
        )

    def handle(self, *args, articles, zones, seed, years, no_index, verbosity, **options):
        if articles < 0 or zones < 0 or years < 1:
            raise CommandError("--articles and --zones must be 0 or more, --years at least 1.")
        started = time.monotonic()
        log = self.stdout.write if verbosity else lambda line: None
        maker = FakeContent(seed=seed, years=years, log=log)
        try:
            made = maker.run(articles=articles, zones=zones, index=not no_index)
        except FakeContentError as error:
            raise CommandError(str(error)) from error
        log(
            self.style.SUCCESS(
                f"Added {made['articles']:,} articles and {made['zones']:,} zones "
                f"in {time.monotonic() - started:.1f} s"
                + ("" if not no_index else " (search index not updated)")
            )
        )

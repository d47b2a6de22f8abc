"""The figures of the searches per day (models.DailySearch) over a period."""

from django.db.models import Q, Sum

from portal.site.statistics.models import DailySearch


def searched(period):
    return DailySearch.objects.filter(day__range=(period.start, period.end))


def totals(period):
    """(searches, searches that found nothing) in the period."""
    sums = searched(period).aggregate(
        all=Sum("searches"), empty=Sum("searches", filter=Q(found=False))
    )
    return sums["all"] or 0, sums["empty"] or 0


def most_searched(period, limit=20):
    """[(query, searches, of which found nothing)], most first."""
    return list(
        searched(period)
        .values_list("query")
        .annotate(all=Sum("searches"), empty=Sum("searches", filter=Q(found=False)))
        .order_by("-all", "query")[:limit]
    )


def found_nothing(period, limit=20):
    """[(query, searches)] of the searches that found nothing, most first."""
    return list(
        searched(period)
        .filter(found=False)
        .values_list("query")
        .annotate(all=Sum("searches"))
        .order_by("-all", "query")[:limit]
    )

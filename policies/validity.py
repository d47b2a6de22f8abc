"""有效性, derived and never stored: a document is 已废止 or 已修订 while a LIVE document
repeals or revises it, and 失效 past its expiry date; else 现行有效.

Being derived from the newer document's links, publishing an old revision of a repealed
document cannot bring it back to life, and unpublishing the repealing one does.
"""

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone


class Validity(models.TextChoices):
    CURRENT = "current", "现行有效"
    REVISED = "revised", "已修订"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "失效"


class LinkKind(models.TextChoices):
    REVISES = "revises", "修订"
    REPEALS = "repeals", "废止"


def validity_expression(link_model):
    """An annotation giving each policy document its Validity value, in the same query."""

    def replaced(kind):
        return Exists(
            link_model.objects.filter(target=OuterRef("pk"), kind=kind, source__live=True)
        )

    return Case(
        When(replaced(LinkKind.REPEALS), then=Value(Validity.REPEALED)),
        When(replaced(LinkKind.REVISES), then=Value(Validity.REVISED)),
        When(Q(expires_on__lt=timezone.localdate()), then=Value(Validity.EXPIRED)),
        default=Value(Validity.CURRENT),
        output_field=models.CharField(),
    )

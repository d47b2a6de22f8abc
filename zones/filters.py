"""The directory's filters, read from GET parameters so a filtered list can be shared.

A value that is not one of the choices (a junk or outdated link) is dropped by the
form, and the list is shown without that filter.
"""

import hashlib
from dataclasses import dataclass

import django_filters
from django.db.models import Count, Q

from portal.caching.generation import remember
from zones.choices import KIND_CHOICES, Level, Province


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    """One select box of the filter form, its options counted under the other filters."""

    name: str
    label: str
    all_label: str
    total: int
    groups: list  # [(optgroup label or "", [Option])]


class ZoneFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称", method="name_contains", max_length=50)
    province = django_filters.ChoiceFilter(label="省份", choices=Province.choices)
    level = django_filters.ChoiceFilter(label="级别", choices=Level.choices)
    kind = django_filters.ChoiceFilter(label="类型", choices=KIND_CHOICES)

    # name -> (label of the "all" option, grouped choices)
    facet_choices = {
        "province": ("全部省份", [("", Province.choices)]),
        "level": ("全部级别", [("", Level.choices)]),
        "kind": ("全部类型", KIND_CHOICES),
    }

    def name_contains(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(short_name__icontains=value))

    def active(self):
        """{name: value} of the filters in use, valid values only."""
        self.is_valid()
        return {name: value for name, value in self.form.cleaned_data.items() if value}

    def facet_counts(self, name):
        """Zones per value of `name` under every other active filter: one GROUP BY query,
        kept in the shared cache until content changes when no free text is searched (the
        choices bound the keys; at 2,600 zones PostgreSQL spends ~50 ms on the join)."""
        others = {other: value for other, value in self.active().items() if other != name}

        def count():
            queryset = self.queryset
            for other, value in others.items():
                queryset = self.filters[other].filter(queryset, value)
            rows = queryset.order_by().values(name).annotate(count=Count("pk"))
            return {row[name]: row["count"] for row in rows}

        if "q" in others:  # free text: too many combinations to keep
            return count()
        wanted = f"{self.queryset.query}|{name}|{sorted(others.items())}"
        return remember(f"zone-facets:{hashlib.sha1(wanted.encode()).hexdigest()}", count)

    def facets(self):
        active = self.active()
        facets = []
        for name, (all_label, grouped) in self.facet_choices.items():
            counts = self.facet_counts(name)
            groups = [
                (
                    group,
                    [
                        Option(value, label, counts.get(value, 0), active.get(name) == value)
                        for value, label in choices
                    ],
                )
                for group, choices in grouped
            ]
            label = self.filters[name].label
            facets.append(Facet(name, label, all_label, sum(counts.values()), groups))
        return facets

"""The library's facets, read from GET parameters so each combination is an address.

A value that is not valid (a junk or outdated link) is dropped and the list is shown
without it. 有效性 defaults to 现行有效: what a reader of a policy library nearly always
wants, so 发文机关 then 年份 is two clicks to every document in force; `validity=all`
shows every document.
"""

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils import timezone

from policies.validity import Validity
from portal.core.segmentation import words

ALL = "all"
VALIDITY_CHOICES = [*Validity.choices, (ALL, "全部")]
SORT_CHOICES = [
    ("", "发布日期（新→旧）"),
    ("oldest", "发布日期（旧→新）"),
    ("written", "成文日期（新→旧）"),
]
ORDERS = {
    "": ("-publish_time", "-page_ptr_id"),
    "oldest": ("publish_time", "page_ptr_id"),
    "written": ("-written_on", "-page_ptr_id"),
}
# Search within the library ranks at most this many matches; a reader narrows with facets.
SEARCHED_AT_MOST = 1000
FIRST_YEAR = 1900


def kind_choices():
    from policies.models import DocumentKind  # the model module imports this one

    return DocumentKind.choices


def year_choices():
    return [
        (str(year), f"{year}年")
        for year in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)
    ]


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    all_url: str
    all_selected: bool
    options: list


class PolicyFilter(django_filters.FilterSet):
    issuer = django_filters.CharFilter(label="发文机关", field_name="issuers__name", max_length=100)
    year = django_filters.ChoiceFilter(label="年份", choices=year_choices, method="in_year")
    topic = django_filters.CharFilter(label="主题分类", max_length=50)
    kind = django_filters.ChoiceFilter(label="文种", choices=kind_choices)
    validity = django_filters.ChoiceFilter(
        label="有效性", choices=VALIDITY_CHOICES, method="of_validity", empty_label=None
    )
    q = django_filters.CharFilter(label="关键词", method="matching", max_length=50)
    sort = django_filters.ChoiceFilter(
        label="排序", choices=SORT_CHOICES, method="sorted_by", empty_label=None
    )

    facet_names = ("validity", "issuer", "year", "kind", "topic")

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("validity"):
            data["validity"] = Validity.CURRENT
        super().__init__(data, *args, **kwargs)
        self.found = {}  # search text -> ids of the matching documents

    @property
    def qs(self):
        # The order is applied last: facet counts group the filtered rows without it.
        return super().qs.order_by(*ORDERS[self.active().get("sort", "")])

    def in_year(self, queryset, name, value):
        return queryset.filter(written_on__year=int(value))

    def of_validity(self, queryset, name, value):
        if value == ALL:
            return queryset
        return queryset.with_validity().filter(validity_code=value)

    def sorted_by(self, queryset, name, value):
        return queryset  # applied in qs

    def matching(self, queryset, name, value):
        text = " ".join(words(printable(value)))
        if not text:
            return queryset
        # Searched in the whole library (the search backend filters on indexed fields
        # only), then narrowed by the other filters in the database.
        # Searched once for the list and every facet count.
        if text not in self.found:
            found = self.queryset.order_by().search(text, operator="and", order_by_relevance=False)
            self.found[text] = [page.pk for page in found[:SEARCHED_AT_MOST]]
        return queryset.filter(pk__in=self.found[text])

    def active(self):
        """{name: value} of the filters in use, valid values only."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}

    def filtered_except(self, name):
        queryset = self.queryset
        for other, value in self.active().items():
            if other != name:
                queryset = self.filters[other].filter(queryset, value)
        return queryset.order_by()

    def counts(self, name):
        """{value: documents} for facet `name` under every other active filter: one query."""
        queryset = self.filtered_except(name)
        if name == "year":
            rows = queryset.annotate(value=ExtractYear("written_on"))
        elif name == "validity":
            rows = queryset.with_validity().annotate(value=F("validity_code"))
        else:
            rows = queryset.annotate(value=F(self.filters[name].field_name))
        rows = rows.values("value").annotate(count=Count("pk", distinct=True))
        return {str(row["value"]): row["count"] for row in rows if row["value"] not in (None, "")}

    def url_with(self, name, value):
        """The address of this filtering with `name` set to `value` (None: removed)."""
        params = {key: self.data.get(key) for key in self.base_filters if self.data.get(key)}
        params.pop("page", None)
        if name == "validity" and value is None:
            value = ALL
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
        if params.get("validity") == Validity.CURRENT:
            params.pop("validity")  # the default, so the shortest address is the shared one
        return "?" + urlencode(sorted(params.items())) if params else "?"

    def facets(self):
        active = self.active()
        labels = {
            "validity": dict(Validity.choices),
            "kind": dict(kind_choices()),
            "year": {value: label for value, label in year_choices()},
        }
        facets = []
        for name in self.facet_names:
            counts = self.counts(name)
            chosen = str(active.get(name, ""))
            values = order_of(name, counts)
            if chosen and chosen != ALL and chosen not in values:
                values.append(chosen)  # shown with 0, so the reader can see and undo it
            names = labels.get(name, {})
            options = [
                Option(
                    value,
                    names.get(value, value),
                    counts.get(value, 0),
                    chosen == value,
                    self.url_with(name, value),
                )
                for value in values
            ]
            all_selected = chosen in ("", ALL)
            facets.append(
                Facet(
                    name, self.filters[name].label, self.url_with(name, None), all_selected, options
                )
            )
        return facets


def order_of(name, counts):
    if name == "validity":
        return [value for value, _ in Validity.choices if value in counts]
    if name == "kind":
        return [value for value, _ in kind_choices() if value in counts]
    if name == "year":
        return sorted(counts, reverse=True)
    return sorted(counts, key=lambda value: (-counts[value], value))


def printable(text):
    """Without control characters (a NUL breaks PostgreSQL)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")

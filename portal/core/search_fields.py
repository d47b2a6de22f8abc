"""Search fields whose indexed value is segmented Chinese text."""

from wagtail.search import index

from portal.core.segmentation import segmented


class SegmentedSearchField(index.SearchField):
    """A SearchField indexed as space-separated words.

    It keeps the field name (so `title` is still weighted as the title) and
    only changes the value the backends see.
    """

    def get_value(self, obj):
        return segmented(flatten(super().get_value(obj)))

    def raw_text(self, obj):
        return flatten(super().get_value(obj))


def flatten(value):
    """Text of a field value: StreamFields give lists, tags give objects."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return str(value)


def with_segmentation(fields):
    """`fields` with every plain SearchField (related ones too) segmented."""
    return [segmented_field(field) for field in fields]


def segmented_field(field):
    if type(field) is index.SearchField:
        return SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
    if isinstance(field, index.RelatedFields):
        return index.RelatedFields(field.field_name, with_segmentation(field.fields))
    return field

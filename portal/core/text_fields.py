"""Text fields of the public forms: lengths taken from the column that stores the value,
and text cleaned of what a reader cannot see.

One source of truth per length: a form field asks the model field for its `max_length`,
so a form can never accept more than the database holds.
"""

import unicodedata

from django import forms

# Bidirectional overrides and isolates re-order what an editor reads ("gnp.exe"
# shows as "exe.png"); no Chinese or English text needs them.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
INVISIBLE_ONLY = "内容不能只包含空白或不可见字符。"


def max_length_of(model, field_name):
    """The longest value the model's column holds."""
    return model._meta.get_field(field_name).max_length


def visible(text):
    """`text` without spaces and characters that show nothing (format and control
    characters: zero-width spaces, joiners, BOM)."""
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc")
    )


class PublicTextField(forms.CharField):
    """A CharField for text typed by the public: bidi controls removed, text of only
    invisible characters refused like an empty one."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.translate(BIDI_CONTROLS) if value else value

    def validate(self, value):
        super().validate(value)
        if value and not visible(value):
            raise forms.ValidationError(INVISIBLE_ONLY, code="invisible")


def model_text_field(model, field_name, **kwargs):
    """A PublicTextField as long as the model's column allows (or less, if asked)."""
    column = max_length_of(model, field_name)
    limit = kwargs.pop("max_length", None) or column
    if column is not None and limit > column:
        raise ValueError(f"{model.__name__}.{field_name} holds {column} characters, not {limit}")
    return PublicTextField(max_length=limit, **kwargs)

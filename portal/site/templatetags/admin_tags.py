"""Template filters of the portal's admin templates."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def admin_label(label):
    """A listing's column label in Chinese: Wagtail makes a label it was not given from
    the attribute's name ("Port", "Site name") without gettext, so it is looked up here
    (locale/zh_Hans); a label already translated comes back as it is."""
    return gettext(str(label)) if label else label

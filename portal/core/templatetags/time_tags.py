"""`|datetime_attr`: an instant as HTML's <time datetime> wants it, in Beijing time to the
second (Django's `date:'c'` adds microseconds, which the HTML checker refuses)."""

from django import template
from django.utils.timezone import localtime

register = template.Library()


@register.filter
def datetime_attr(value):
    if not value:
        return ""
    return localtime(value).replace(microsecond=0).isoformat()

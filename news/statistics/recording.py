"""Adding one counted view to the daily aggregate: one upsert, the database doing the
arithmetic, so parallel hits never lose one (on PostgreSQL and SQLite alike).

What the page's script says about the visit is reduced to what the aggregate keeps, and
anything else is dropped rather than refused: a referrer becomes a bare host name (or ""
for a direct visit or one that cannot be a host name), a device one of three classes.
"""

import re

from django.db import connection
from django.utils import timezone

from news.statistics.models import DailyView, Device

# Letters, digits and hyphens in dot-separated labels: what a host name is after IDNA.
LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"({LABEL}\.)*{LABEL}")
DEVICES = {choice.value for choice in Device}


def referrer_domain(value):
    """The host name the script sent, lower case, without a trailing dot or "www."; ""
    when it is none."""
    host = (value or "").strip().rstrip(".").lower()
    if not host or len(host) > 253:
        return ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    if not HOST_NAME.fullmatch(host):
        return ""
    return host.removeprefix("www.")


def device_class(value):
    return value if value in DEVICES else Device.UNKNOWN


def add_view(page_id, referrer="", device=Device.UNKNOWN, day=None):
    """Count one view of the page on the day (today, Asia/Shanghai, unless given)."""
    table = connection.ops.quote_name(DailyView._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (page_id, day, referrer, device, views) "
            "VALUES (%s, %s, %s, %s, 1) "
            "ON CONFLICT (page_id, day, referrer, device) "
            f"DO UPDATE SET views = {table}.views + 1",
            [page_id, day or timezone.localdate(), referrer, device],
        )

"""Personal data (PIPL): what the portal keeps about people, for how long, and their rights.

Writers of 留言 and contributors of 投稿 leave a name and a phone number or e-mail. Those
details are shown only to editors, exported or erased per person on request (admin
设置 › 个人信息查询, or `manage.py personal_data`), and purged once older than the
retention period set in 设置 › 个人信息保护 by `manage.py purge_personal_data`, run daily.
"""

import csv
import datetime
import io
import json

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from association.models.privacy import EXPORT_COLUMNS, PrivacySettings
from portal.core.spreadsheets import neutralised_row

# Every model that keeps a person's contact details; each extends ContactRecord.
PERSONAL_DATA_MODELS = ("association.Message", "news.Submission")


def personal_data_models():
    return [apps.get_model(label) for label in PERSONAL_DATA_MODELS]


def export_person(phone="", email=""):
    return [
        record.export_row()
        for model in personal_data_models()
        for record in model.of_person(phone, email).order_by("created_at")
    ]


def rows_to_json(rows):
    return json.dumps(rows, ensure_ascii=False, indent=2)


def rows_to_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(neutralised_row(row) for row in rows)
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read the UTF-8 as such


@transaction.atomic
def erase_person(phone="", email=""):
    """{record kind: count} of what was erased for the person with this phone or e-mail."""
    return {
        str(model._meta.verbose_name): model.erase(model.of_person(phone, email))
        for model in personal_data_models()
    }


@transaction.atomic
def purge_expired(now=None):
    days = PrivacySettings.load().retention_days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    counts = {
        str(model._meta.verbose_name): model.purge(cutoff) for model in personal_data_models()
    }
    return cutoff, counts

"""A person asks to see or delete their data; old contact details are purged (PIPL)."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from association.models import Message, PrivacySettings
from news.models import Submission
from tests import factories

pytestmark = pytest.mark.django_db

PHONE, EMAIL = "13800138000", "liming@example.org"
URL = reverse("personal_data")


@pytest.fixture
def records(db):
    """Two messages and a submission by 李明, and a message by someone else."""
    factories.MessageFactory(subject="第一条留言", name="李明", phone="138 0013 8000", email="")
    factories.MessageFactory(
        subject="第二条留言",
        name="李明",
        phone="",
        email="LiMing@example.org",
        status=Message.Status.PUBLIC,
        reply="已回复。",
    )
    Submission.objects.create(
        reference="TG20200319-ABCDEF",
        title="园区新闻",
        source="园区管委会",
        name="李明",
        phone=PHONE,
        email="",
    )
    factories.MessageFactory(subject="别人的留言", name="王芳", phone="13911112222", email="")


def test_an_editor_exports_a_persons_data_as_json_and_csv(client, editor, records):
    client.force_login(editor)

    found = client.post(URL, {"phone": PHONE, "email": EMAIL, "action": "search"})
    assert "查询结果：3 条" in found.content.decode()

    exported = client.post(URL, {"phone": PHONE, "email": EMAIL, "action": "json"})
    assert exported["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    rows = json.loads(exported.content)
    assert sorted(row["内容"].split("\n")[0] for row in rows) == [
        "TG20200319-ABCDEF 园区新闻（园区管委会）",
        "第一条留言",
        "第二条留言",
    ]
    assert {row["类型"] for row in rows} == {"留言", "投稿记录"}

    as_csv = client.post(URL, {"phone": PHONE, "action": "csv"}).content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(as_csv)))
    assert [row["联系电话"] for row in table] == [PHONE, PHONE]
    assert "别人的留言" not in as_csv


def test_an_editor_erases_a_persons_data(client, editor, records):
    client.force_login(editor)

    unconfirmed = client.post(URL, {"phone": PHONE, "email": EMAIL, "action": "erase"})
    assert "删除前请勾选确认" in unconfirmed.content.decode()
    assert Message.objects.count() == 3

    response = client.post(
        URL, {"phone": PHONE, "email": EMAIL, "confirm": "on", "action": "erase"}, follow=True
    )
    assert "已删除此人的个人信息：留言 2 条，投稿记录 1 条" in response.content.decode()
    assert list(Message.objects.values_list("subject", flat=True)) == ["别人的留言"]
    submission = Submission.objects.get()
    assert (submission.name, submission.phone, submission.email) == ("", "", "")
    assert submission.contact_erased_at is not None
    assert submission.reference == "TG20200319-ABCDEF"


def test_the_desk_needs_the_permission(client, contributor, records):
    client.force_login(contributor)
    response = client.post(URL, {"phone": PHONE, "action": "json"})
    assert response.status_code in (302, 403)
    assert PHONE not in response.content.decode()


def test_a_lookup_needs_a_phone_or_email(client, editor):
    client.force_login(editor)
    assert "请填写联系电话或电子邮箱" in client.post(URL, {"action": "search"}).content.decode()


def test_the_command_exports_and_erases(records, capsys):
    call_command("personal_data", "export", "--email", EMAIL)
    rows = json.loads(capsys.readouterr().out)
    assert [row["内容"].split("\n")[0] for row in rows] == ["第二条留言"]

    call_command("personal_data", "erase", "--phone", PHONE, "--yes")
    assert "Erased 留言: 1, 投稿记录: 1" in capsys.readouterr().out
    assert Message.objects.count() == 2


def test_expired_personal_data_is_purged(records, capsys):
    settings = PrivacySettings.load()
    settings.retention_days = 30
    settings.save()
    old = timezone.now() - datetime.timedelta(days=31)
    Message.objects.filter(subject__in=["第一条留言", "第二条留言"]).update(created_at=old)
    Submission.objects.update(created_at=old)

    call_command("purge_personal_data")

    assert "Purged records older than" in capsys.readouterr().out
    # The unpublished old message is gone, the public one keeps its text but loses the person.
    assert set(Message.objects.values_list("subject", flat=True)) == {"第二条留言", "别人的留言"}
    public = Message.objects.get(subject="第二条留言")
    assert (public.name, public.phone, public.email) == ("", "", "")
    assert public.public_name == "网友"
    assert Submission.objects.get().phone == ""
    recent = Message.objects.get(subject="别人的留言")
    assert recent.phone == "13911112222"

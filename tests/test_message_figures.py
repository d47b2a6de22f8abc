"""留言 yearly figures: received, answered, publicly shown and the average time to answer,
kept as figures on the board and in the admin, whatever the personal-data purge deletes."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from association.models import Message, MessageYearFigures, PrivacySettings
from association.privacy import erase_person
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def year_2025():
    """Four messages received in 2025: two answered and public, one answered and kept
    private, one never answered."""
    factories.MessageFactory(  # Mon 03-03 → Fri 03-07: 4 working days, 4 days
        subject="公开一",
        created_at=at(2025, 3, 3),
        reply="答复一。",
        replied_at=at(2025, 3, 7),
        status=Message.Status.PUBLIC,
    )
    factories.MessageFactory(  # Fri 03-07 → Mon 03-17: 6 working days, 10 days
        subject="公开二",
        created_at=at(2025, 3, 7),
        reply="答复二。",
        replied_at=at(2025, 3, 17),
        status=Message.Status.PUBLIC,
    )
    factories.MessageFactory(  # the same day: 0 and 0
        subject="不公开",
        created_at=at(2025, 6, 2, 9),
        reply="已电话答复。",
        replied_at=at(2025, 6, 2, 16),
        status=Message.Status.PRIVATE,
        phone="13900000000",
    )
    factories.MessageFactory(subject="未回复", created_at=at(2025, 12, 30))


def figures(year):
    row = MessageYearFigures.objects.get(year=year)
    return (
        row.received,
        row.answered,
        row.shown,
        row.average_working_days,
        row.average_calendar_days,
    )


def test_each_year_counts_what_was_received_answered_and_shown(year_2025):
    factories.MessageFactory(created_at=at(2026, 1, 5))
    assert figures(2025) == (4, 3, 2, round(10 / 3, 1), round(14 / 3, 1))
    assert figures(2026) == (1, 0, 0, None, None)


def test_figures_follow_a_reply_and_a_change_of_status(year_2025):
    waiting = Message.objects.get(subject="未回复")
    # Tue 12-30 → Tue 01-06: 5 working days, 7 days.
    with time_machine.travel(at(2026, 1, 6), tick=False):
        waiting.reply = "迟到的答复。"
        waiting.status = Message.Status.PUBLIC
        waiting.save()
    assert waiting.answer_working_days == 5
    assert figures(2025) == (4, 4, 3, round(15 / 4, 1), round(21 / 4, 1))

    waiting.status = Message.Status.PRIVATE
    waiting.save()
    waiting.save()  # saving again changes nothing
    assert figures(2025)[:3] == (4, 4, 2)

    waiting.reply = ""
    waiting.save()
    assert figures(2025) == (4, 3, 2, round(10 / 3, 1), round(14 / 3, 1))


def test_the_purge_and_an_erasure_leave_past_years_as_they_were(year_2025):
    before = figures(2025)
    settings = PrivacySettings.load()
    settings.retention_days = 30
    settings.save()

    with time_machine.travel(at(2026, 12, 1), tick=False):
        call_command("purge_personal_data")
    assert set(Message.objects.values_list("subject", flat=True)) == {"公开一", "公开二"}
    erase_person(phone="13900000000")
    Message.objects.filter(subject="公开二").delete()

    assert figures(2025) == before


def test_the_board_shows_the_yearly_figures_at_a_fixed_cost(client, home, year_2025):
    factories.MessageBoardPageFactory(parent=home)

    def board():
        with CaptureQueriesContext(connection) as context:
            html = client.get("/messages/").content.decode()
        return html, len(context)

    board(), board()  # the settings rows and the site lookup, made and remembered
    html, few = board()
    assert "<caption>历年留言办理情况</caption>" in html
    assert '<th scope="row">2025年</th><td>4</td><td>3</td><td>2</td>' in html
    assert "3.3 个工作日（4.7 天）" in html
    for year in range(2015, 2025):
        factories.MessageFactory(created_at=at(year, 5, 6))
    html, many = board()
    assert '<th scope="row">2015年</th><td>1</td><td>0</td><td>0</td>' in html
    assert many == few


def test_editors_see_the_figures_and_the_overdue_count(client, editor, year_2025):
    client.force_login(editor)
    with time_machine.travel(at(2026, 3, 2), tick=False):
        factories.MessageFactory(created_at=at(2026, 2, 2))
        with CaptureQueriesContext(connection) as context:
            html = client.get(reverse("message_figures")).content.decode()
    assert "已超期未回复：2 条" in html
    assert "<td>2025年</td><td>4</td><td>3</td><td>2</td><td>3.3</td><td>4.7</td>" in html
    assert len(context) <= 20

    overdue = client.get(reverse("wagtailsnippets_association_message:list") + "?deadline=overdue")
    assert "未回复" in overdue.content.decode()
    assert "公开一" not in overdue.content.decode()


def test_contributors_see_no_figures(client, contributor):
    client.force_login(contributor)
    assert client.get(reverse("message_figures")).status_code in (302, 403)


def test_a_junk_deadline_filter_shows_the_listing(client, editor):
    client.force_login(editor)
    listing = reverse("wagtailsnippets_association_message:list")
    for junk in ("junk", "", "%00", "overdue'--"):
        assert client.get(listing, {"deadline": junk}).status_code == 200

"""留言 handled to a deadline: working days by the weekend rule and the editors' calendar,
due dates, the overdue list and the daily reminder e-mail."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from association.deadlines import due_soon_messages, overdue_messages
from association.models import CalendarDay, Message, MessageSettings
from association.workdays import (
    HOLIDAY,
    WORKDAY,
    add_working_days,
    is_working_day,
    working_days_between,
)
from tests import factories

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
day = datetime.date


def received(on, hour=10, **fields):
    moment = datetime.datetime(on.year, on.month, on.day, hour, tzinfo=SHANGHAI)
    return factories.MessageFactory(created_at=moment, **fields)


# --- the arithmetic, for any calendar -------------------------------------------------

dates = st.dates(min_value=day(2020, 1, 1), max_value=day(2030, 12, 31))
calendars = st.dictionaries(
    st.dates(min_value=day(2020, 1, 1), max_value=day(2031, 6, 30)),
    st.sampled_from([HOLIDAY, WORKDAY]),
    max_size=40,
)
counts = st.integers(min_value=0, max_value=60)
few = settings(max_examples=60, deadline=None, derandomize=True)


@few
@given(dates, counts, calendars)
def test_a_due_date_is_a_working_day_never_before_the_start(start, count, calendar):
    due = add_working_days(start, count, calendar)
    assert is_working_day(due, calendar)
    assert due >= start
    if count:
        assert due > start
        assert working_days_between(start, due, calendar) == count


@few
@given(dates, counts, counts, calendars)
def test_more_working_days_never_end_earlier(start, one, other, calendar):
    low, high = sorted((one, other))
    assert add_working_days(start, low, calendar) <= add_working_days(start, high, calendar)
    if 0 < low < high:
        assert add_working_days(start, low, calendar) < add_working_days(start, high, calendar)


@few
@given(dates, dates, counts, calendars)
def test_a_later_start_never_ends_earlier(one, other, count, calendar):
    early, late = sorted((one, other))
    assert add_working_days(early, count, calendar) <= add_working_days(late, count, calendar)


@few
@given(dates, st.integers(min_value=1, max_value=30), calendars)
def test_holidays_are_skipped_and_weekend_workdays_counted(start, count, calendar):
    due = add_working_days(start, count, calendar)
    between = [start + datetime.timedelta(days=n) for n in range(1, (due - start).days + 1)]
    worked = [d for d in between if is_working_day(d, calendar)]
    assert len(worked) == count and worked[-1] == due
    assert not any(calendar.get(d) == HOLIDAY for d in worked)
    assert all(d in worked for d in between if calendar.get(d) == WORKDAY)


def test_the_2026_national_day_week_and_its_weekend_workdays():
    # 2026: 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班.
    calendar = {day(2026, 10, n): HOLIDAY for n in range(1, 8)}
    calendar |= {day(2026, 9, 20): WORKDAY, day(2026, 10, 10): WORKDAY}
    assert add_working_days(day(2026, 9, 19), 1, calendar) == day(2026, 9, 20)
    # Received on 9月30日 (Wednesday): 10月8日, 9日, then Saturday 10日 worked.
    assert add_working_days(day(2026, 9, 30), 3, calendar) == day(2026, 10, 10)
    assert add_working_days(day(2026, 9, 30), 4, calendar) == day(2026, 10, 12)
    assert working_days_between(day(2026, 9, 30), day(2026, 10, 12), calendar) == 4


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(day(2026, 1, 5), -1, {})


# --- due dates of messages ------------------------------------------------------------


@pytest.mark.django_db
def test_a_message_is_due_the_set_number_of_working_days_after_it_came():
    settings_row = MessageSettings.load()
    settings_row.working_days = 3
    settings_row.save()
    # Received on Friday 2026-03-06 at 23:30 Shanghai time: Wednesday 03-11.
    assert received(day(2026, 3, 6), hour=23).due_date == day(2026, 3, 11)


@pytest.mark.django_db
def test_the_calendar_moves_the_due_dates_of_unanswered_messages_only():
    settings_row = MessageSettings.load()
    settings_row.working_days = 2
    settings_row.save()
    waiting = received(day(2026, 9, 29))
    answered = received(day(2026, 9, 29), reply="已回复。")
    assert waiting.due_date == day(2026, 10, 1)

    CalendarDay.objects.create(date=day(2026, 10, 1), kind=HOLIDAY, note="国庆节")
    CalendarDay.objects.create(date=day(2026, 10, 2), kind=HOLIDAY, note="国庆节")
    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.due_date == day(2026, 10, 5)
    assert answered.due_date == day(2026, 10, 1)

    CalendarDay.objects.filter(date=day(2026, 10, 2)).delete()
    waiting.refresh_from_db()
    assert waiting.due_date == day(2026, 10, 2)

    settings_row.working_days = 5
    settings_row.save()
    waiting.refresh_from_db()
    assert waiting.due_date == day(2026, 10, 7)


@pytest.mark.django_db
def test_the_overdue_list_holds_unanswered_messages_past_their_date():
    late = received(day(2026, 3, 2), subject="早已超期")
    received(day(2026, 3, 2), subject="已回复", reply="答复。")
    due = received(day(2026, 3, 16), subject="即将到期")
    received(day(2026, 3, 27), subject="刚收到")

    today = day(2026, 3, 27)
    assert [m.subject for m in overdue_messages(today)] == ["早已超期"]
    assert late.due_date < today <= due.due_date
    assert [m.subject for m in due_soon_messages(today)] == ["即将到期"]


# --- the calendar in the admin --------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_keeps_the_calendar_and_slips_are_explained(client, editor):
    client.force_login(editor)
    add = reverse("wagtailsnippets_association_calendarday:add")
    response = client.post(add, {"date": "2026-10-08", "kind": WORKDAY, "note": ""})
    assert "只有周六、周日才需标记为调休上班" in response.content.decode()
    response = client.post(add, {"date": "2026-02-30", "kind": HOLIDAY, "note": ""})
    assert response.status_code == 200
    assert "有效的日期" in response.content.decode()
    assert not CalendarDay.objects.exists()

    response = client.post(add, {"date": "2026-10-10", "kind": WORKDAY, "note": "国庆节调休"})
    assert response.status_code == 302
    assert CalendarDay.objects.get().kind == WORKDAY


# --- the reminder -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_daily_reminder_mails_editors_what_is_overdue_and_due_soon(editor, capsys):
    received(day(2026, 3, 2), subject="早已超期的咨询")
    received(day(2026, 3, 16), subject="即将到期的咨询")
    received(day(2026, 3, 2), subject="已回复的咨询", reply="答复。")

    call_command("remind_message_deadlines", "--date", "2026-03-27")

    assert "1 overdue, 1 due soon; sent to 1 editors" in capsys.readouterr().out
    (sent,) = mail.outbox
    assert sent.to == ["bianji@example.org"]
    assert sent.subject == "留言办理提醒：1 条已超期，1 条即将到期"
    assert "早已超期的咨询（收到：2026年03月02日，办理期限：2026年03月16日）" in sent.body
    assert "即将到期的咨询（收到：2026年03月16日，办理期限：2026年03月30日）" in sent.body
    assert "已回复的咨询" not in sent.body
    message = Message.objects.get(subject="早已超期的咨询")
    assert f"/admin/snippets/association/message/edit/{message.pk}/" in sent.body


@pytest.mark.django_db
def test_no_reminder_when_nothing_waits(editor, capsys):
    received(day(2026, 3, 2), reply="答复。")
    call_command("remind_message_deadlines", "--date", "2026-03-27")
    assert not mail.outbox
    assert "no e-mail sent" in capsys.readouterr().out


def test_a_bad_date_is_explained():
    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("remind_message_deadlines", "--date", "2026-13-01")

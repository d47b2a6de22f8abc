"""Working days: Monday to Friday, except the days a calendar marks otherwise.

China's State Council publishes each year's public holidays (法定节假日) and the weekend
days worked in exchange (调休上班). A calendar is a mapping {date: HOLIDAY or WORKDAY} of
those exceptions; any other day follows the weekend rule. Pure arithmetic, no database
(association/deadlines.py loads the calendar editors keep in the admin).
"""

import datetime

HOLIDAY = "holiday"
WORKDAY = "workday"
ONE_DAY = datetime.timedelta(days=1)


def is_working_day(day, calendar):
    kind = calendar.get(day)
    if kind is not None:
        return kind == WORKDAY
    return day.weekday() < 5


def next_working_day(day, calendar):
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, calendar):
        day += ONE_DAY
    return day


def add_working_days(start, count, calendar):
    """The `count`-th working day after `start` (a message received on a Friday with one
    working day to answer is due on Monday); with 0, `start` or the next working day.

    It always ends: past the calendar's last exception only weekends are days off.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    day = next_working_day(start, calendar)
    if count and day == start:
        day = next_working_day(day + ONE_DAY, calendar)
    for _ in range(count - 1):
        day = next_working_day(day + ONE_DAY, calendar)
    return day


def working_days_between(start, end, calendar):
    """How many working days fall after `start`, up to and including `end` (0 when `end`
    is not after `start`): the working days a message received on `start` and answered
    on `end` took."""
    count = 0
    day = start + ONE_DAY
    while day <= end:
        count += is_working_day(day, calendar)
        day += ONE_DAY
    return count

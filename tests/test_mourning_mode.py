"""An editor sets 哀悼模式 dates: the whole public site turns gray on those days, by itself."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Site

from portal.site.models import SiteSettings
from tests.helpers import SHANGHAI

START, END = datetime.date(2026, 4, 4), datetime.date(2026, 4, 6)


def at(day, hour, minute=0):
    """A moment in Beijing time, to travel to."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def root_classes(client, url="/"):
    response = client.get(url)
    assert response.status_code in (200, 404)
    return BeautifulSoup(response.content, "html.parser").html.get("class", [])


@pytest.fixture
def mourning(home):
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    settings.mourning_start, settings.mourning_end = START, END
    settings.save()
    return settings


@pytest.mark.django_db
def test_site_is_gray_from_the_first_day_to_the_last_without_a_deploy(client, mourning, column):
    # The chrome is cached from the day before; nothing is saved or cleared after that.
    with time_machine.travel(at(START - datetime.timedelta(days=1), 23, 59), tick=False):
        assert "mourning" not in root_classes(client)
        assert "mourning" not in root_classes(client, column.url)
    with time_machine.travel(at(START, 0, 0), tick=False):
        assert "mourning" in root_classes(client)
        assert "mourning" in root_classes(client, column.url)
        assert "mourning" in root_classes(client, "/no-such-page/")
    with time_machine.travel(at(END, 23, 59), tick=False):
        assert "mourning" in root_classes(client)
    with time_machine.travel(at(END + datetime.timedelta(days=1), 0, 0), tick=False):
        assert "mourning" not in root_classes(client)
        assert "mourning" not in root_classes(client, column.url)


@pytest.mark.django_db
def test_one_day_of_mourning_without_an_end_date(client, mourning):
    mourning.mourning_end = None
    mourning.save()
    with time_machine.travel(at(START, 12), tick=False):
        assert "mourning" in root_classes(client)
    with time_machine.travel(at(START + datetime.timedelta(days=1), 0, 1), tick=False):
        assert "mourning" not in root_classes(client)


@pytest.mark.django_db
def test_clearing_the_dates_turns_the_site_back_at_once(client, mourning):
    with time_machine.travel(at(START, 9), tick=False):
        assert "mourning" in root_classes(client)
        mourning.mourning_start = mourning.mourning_end = None
        mourning.save()
        assert "mourning" not in root_classes(client)


@pytest.mark.django_db
def test_dates_in_the_wrong_order_are_refused_with_a_message(home):
    settings = SiteSettings(site=Site.objects.get(root_page=home), mourning_start=END)
    settings.mourning_end = START
    with pytest.raises(ValidationError) as error:
        settings.clean()
    assert "结束日期不能早于开始日期" in str(error.value)
    settings.mourning_start = None
    with pytest.raises(ValidationError) as error:
        settings.clean()
    assert "请填写哀悼开始日期" in str(error.value)

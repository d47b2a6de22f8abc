"""Scheduled work: every command the cron and systemd examples in deploy/ name exists and
runs, and each does its job (README: Operations)."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command, get_commands
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from news.models import NewsPage
from portal.site.search.views import popular_queries
from tests import factories
from tests.helpers import ROOT

DEPLOY = ROOT / "deploy"


def commands_in_crontab():
    return re.findall(r"deploy/manage (\w+)", (DEPLOY / "crontab").read_text())


def commands_in_timers():
    units = (DEPLOY / "systemd").glob("*.timer")
    return [
        re.search(r"^Unit=portal-manage@(\w+)\.service$", u.read_text(), re.M)[1] for u in units
    ]


def test_cron_and_systemd_run_the_same_commands_and_they_exist():
    assert sorted(commands_in_crontab()) == sorted(commands_in_timers())
    assert set(commands_in_crontab()) <= set(get_commands())
    assert {"publish_scheduled", "purge_personal_data"} <= set(commands_in_crontab())


@pytest.mark.django_db
@pytest.mark.parametrize("command", commands_in_crontab())
def test_each_scheduled_command_runs(command, home):
    call_command(command, verbosity=0)


@pytest.mark.django_db
def test_publish_scheduled_puts_an_article_live_at_its_time(client, column):
    article = factories.NewsPageFactory(parent=column, title="定时发布的新闻", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    article.save_revision().publish()  # with a go-live time ahead, Wagtail only schedules it
    assert not NewsPage.objects.get(pk=article.pk).live
    with time_machine.travel(article.go_live_at + datetime.timedelta(seconds=30)):
        call_command("publish_scheduled")
        published = NewsPage.objects.get(pk=article.pk)
        assert published.live
        assert client.get(published.url).status_code == 200


@pytest.mark.django_db
def test_the_search_log_keeps_the_popular_search_window():
    query = Query.get("复工复产")
    query.add_hit(date=timezone.localdate() - datetime.timedelta(days=60))
    Query.get("旧的搜索").add_hit(date=timezone.localdate() - datetime.timedelta(days=120))
    call_command("searchpromotions_garbage_collect", verbosity=0)
    assert [q.query_string for q in popular_queries()] == ["复工复产"]
    # The old hits are gone, not just outside the window popular_queries() reads.
    assert not QueryDailyHits.objects.filter(query__query_string="旧的搜索").exists()
    assert QueryDailyHits.objects.filter(query__query_string="复工复产").exists()

"""Guessing admin passwords: repeated failures lock the account and the address out."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings

PASSWORD = "kai-fa-qu-2020-xie-hui"
LOCKED = "登录失败次数过多"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "bianji", "bianji@example.org", PASSWORD, is_superuser=True, is_staff=True
    )


def log_in(client, username, password, **headers):
    return client.post("/admin/login/", {"username": username, "password": password}, **headers)


def fail_until_locked(client, username="bianji", **headers):
    responses = [
        log_in(client, username, f"wrong-{n}", **headers)
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert all(r.status_code == 200 for r in responses[:-1])  # the form again, with an error
    return responses[-1]


def test_repeated_failures_lock_out_even_the_right_password_until_reset(client, editor):
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    assert "30 分钟后再试" in locked.content.decode()

    refused = log_in(client, "bianji", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    call_command("axes_reset", verbosity=0)
    welcome = log_in(client, "bianji", PASSWORD)
    assert welcome.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_account_is_locked_whatever_address_the_guesses_come_from(editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR=f"198.51.100.{n}"), "bianji", "wrong")
    assert log_in(Client(REMOTE_ADDR="203.0.113.9"), "bianji", PASSWORD).status_code == 429
    call_command("axes_reset_username", "bianji", verbosity=0)
    assert log_in(Client(REMOTE_ADDR="203.0.113.9"), "bianji", PASSWORD).status_code == 302


def test_an_address_that_guessed_many_accounts_is_locked(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"user{n}", "wrong")
    assert log_in(client, "bianji", PASSWORD).status_code == 429
    # Another reader's address is not affected.
    assert log_in(Client(REMOTE_ADDR="203.0.113.9"), "bianji", PASSWORD).status_code == 302


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_each_client_is_counted_by_its_own_address(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"user{n}", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    # Through the same proxy, a colleague at another address still gets in.
    ok = log_in(client, "bianji", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ok.status_code == 302


def test_a_client_cannot_dodge_the_count_by_forging_forwarded_for(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"user{n}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert log_in(client, "bianji", PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 429


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Kf7#pQ2x-3z", "密码太短，至少需要 12 个字符"),
        ("20200319103800", "密码只包含数字"),
        ("password12345", "这个密码太常见了"),
        ("bianji@example", "太相似"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(editor, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=editor)
    assert any(message in m for m in refused.value.messages), refused.value.messages


def test_a_long_uncommon_password_is_accepted(editor):
    validate_password(PASSWORD, user=editor)

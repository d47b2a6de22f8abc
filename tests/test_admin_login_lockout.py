"""Guessing admin passwords: repeated failures lock the account at the guessing address,
and an address that fails often is refused for a while; nobody can lock an editor out at
their own address, and password-reset e-mails are limited."""

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


def test_guesses_elsewhere_never_lock_the_editor_out_at_their_own_address(editor):
    attacker = Client(REMOTE_ADDR="198.51.100.1")
    assert fail_until_locked(attacker).status_code == 429
    for _ in range(3):  # renewing the attack renews nothing for the editor
        assert log_in(attacker, "bianji", "wrong").status_code == 429
    assert log_in(Client(REMOTE_ADDR="203.0.113.9"), "bianji", PASSWORD).status_code == 302
    call_command("axes_reset_username", "bianji", verbosity=0)
    assert log_in(attacker, "bianji", PASSWORD).status_code == 302


def fail_many_names(client, **headers):
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert log_in(client, f"user{n}", "wrong", **headers).status_code == 200


def test_an_address_that_guessed_many_accounts_is_refused(client, editor):
    fail_many_names(client)
    refused = log_in(client, "bianji", PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
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
        log_in(client, "bianji", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
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


def ask_reset(client, email="bianji@example.org", ip="10.5.5.5"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_mails_are_limited_per_account(client, editor, mailoutbox):
    for n in range(20):
        assert ask_reset(client, ip=f"10.5.5.{n}").status_code == 302
    assert len(mailoutbox) == settings.PASSWORD_RESET_ACCOUNT_LIMIT


def test_password_reset_requests_are_limited_per_address(client, editor, mailoutbox):
    for n in range(settings.PASSWORD_RESET_ADDRESS_LIMIT):
        assert ask_reset(client, email=f"nobody{n}@example.org").status_code == 302
    refused = ask_reset(client)
    assert refused.status_code == 429
    assert "重设密码的请求过于频繁" in refused.content.decode()
    assert mailoutbox == []
    assert ask_reset(client, ip="10.6.6.6").status_code == 302 and len(mailoutbox) == 1

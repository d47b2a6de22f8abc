"""An editor turns on two-factor sign-in; from then on the password alone is not enough."""

import re
import time

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "kai-fa-qu-2020-xie-hui"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "bianji", "bianji@example.org", PASSWORD, is_superuser=True
    )


def code(device, steps_ahead=0):
    """The code the editor's phone shows (`steps_ahead` 30-second steps from now)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return totp.token()


def log_in(client, **fields):
    return client.post("/admin/login/", {"username": "bianji", "password": PASSWORD, **fields})


def turn_on(client, editor):
    client.force_login(editor)
    page = client.get("/admin/account/two-factor/")
    assert "未开启" in page.content.decode()
    device = TOTPDevice.objects.get(user=editor)
    assert page.context["qr_code"].startswith("data:image/svg+xml")
    assert page.context["secret"] in page.content.decode()

    # The clock stands still, so that a slow machine cannot outwait django-otp's pause.
    with time_machine.travel(time.time(), tick=False) as clock:
        wrong = client.post("/admin/account/two-factor/", {"otp_token": "000000"})
        assert "动态验证码不正确" in wrong.content.decode()
        hurried = client.post("/admin/account/two-factor/", {"otp_token": code(device)})
        assert "请稍等几秒后再试" in hurried.content.decode()
        assert not TOTPDevice.objects.get(pk=device.pk).confirmed
        clock.shift(1.1)  # django-otp's pause after one wrong code
        done = client.post("/admin/account/two-factor/", {"otp_token": code(device)}, follow=True)
    assert "已开启两步验证" in done.content.decode()
    client.logout()
    return TOTPDevice.objects.get(pk=device.pk, confirmed=True)


def test_the_account_page_offers_two_factor(client, editor):
    client.force_login(editor)
    assert "两步验证" in client.get("/admin/account/").content.decode()


def test_without_two_factor_the_password_is_enough(client, editor):
    assert log_in(client).status_code == 302


def test_after_turning_it_on_login_needs_the_current_code(client, editor):
    device = turn_on(client, editor)

    missing = log_in(client)
    assert missing.status_code == 200
    assert "此账户已开启两步验证" in missing.content.decode()
    wrong = log_in(client, otp_token="123456")
    assert "动态验证码不正确或已过期" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    time.sleep(1.1)
    ok = log_in(client, otp_token=code(device, steps_ahead=1))
    assert ok.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_wrong_codes_count_towards_the_lockout(client, editor):
    turn_on(client, editor)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, otp_token="123456").status_code == 200
    assert log_in(client, otp_token="123456").status_code == 429


def test_turning_it_off_needs_a_code_too(client, editor):
    device = turn_on(client, editor)
    client.force_login(editor)
    page = client.get("/admin/account/two-factor/")
    assert "已开启" in page.content.decode()
    client.post("/admin/account/two-factor/", {"otp_token": code(device, steps_ahead=1)})
    assert not TOTPDevice.objects.filter(user=editor).exists()
    client.logout()
    assert log_in(client).status_code == 302


@pytest.mark.django_db
def test_the_login_form_asks_in_chinese_and_says_who_needs_the_code(client):
    html = client.get("/admin/login/").content.decode()
    labels = [label.strip() for label in re.findall(r'class="w-field__label"[^>]*>([^<]*)', html)]
    assert labels == ["用户名", "密码", "动态验证码"]
    assert "仅开启了两步验证的账户需要填写" in html

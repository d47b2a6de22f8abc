"""In the browser: an editor turns on two-factor sign-in by scanning the QR code, and a
password guesser meets the Chinese lockout page."""

import io

import pytest
import zxingcpp
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect

from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kai-fa-qu-2020-xie-hui"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("bianji", "bianji@example.org", PASSWORD)


def log_in(page, base_url, password=PASSWORD):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill("bianji")
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="登录").click()


def test_turning_on_two_factor_by_scanning_the_code(live_server, page, editor):
    log_in(page, live_server.url)
    page.goto(live_server.url + "/admin/account/")
    page.get_by_role("tab", name="更多动作").click()
    page.get_by_role("link", name="两步验证").click()
    expect(page.get_by_role("heading", name="两步验证")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "admin-two-factor-setup.png", full_page=True)

    # What the phone's camera sees: the QR code carries the authenticator's setup link.
    shot = Image.open(io.BytesIO(page.get_by_alt_text("两步验证二维码").screenshot()))
    (scanned,) = zxingcpp.read_barcodes(shot)
    assert scanned.text.startswith("otpauth://totp/")
    device = TOTPDevice.objects.get(user=editor)
    assert f"secret={page.locator('code').inner_text()}" in scanned.text

    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    page.get_by_label("动态验证码").fill(f"{code:06d}")
    page.get_by_role("button", name="确认开启").click()
    expect(page.locator(".messages")).to_contain_text("已开启两步验证")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_guessing_passwords_ends_on_the_lockout_page(live_server, page, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, live_server.url, password=f"wrong-{attempt}")
    expect(page.get_by_role("heading", level=1)).to_have_text("账户已暂时锁定")
    expect(page.get_by_role("alert")).to_contain_text("30 分钟后再试")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "admin-locked-out.png")

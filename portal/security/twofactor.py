"""Two-factor sign-in for the admin, opt-in per editor (django-otp, TOTP).

An editor turns it on under 账户设置 → 两步验证 by scanning a QR code with an
authenticator app (腾讯身份验证器, Google Authenticator, …) and typing one code. From
then on the login form asks for the app's current six-digit code as well as the
password; a wrong code counts as a failed login for the lockout (django-axes).
"""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        widget = forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"})
        super().__init__(max_length=8, widget=widget, strip=True, **kwargs)


def check_code(device, token):
    """Raise ValidationError unless `token` is the device's current code."""
    if not device.verify_is_allowed()[0]:  # django-otp slows down repeated wrong codes
        raise ValidationError("动态验证码错误次数较多，请稍等几秒后再试。", code="otp_throttled")
    if not device.verify_token(token):
        raise ValidationError(
            "动态验证码不正确或已过期，请输入验证器应用上当前显示的6位数字。", code="otp"
        )


class LoginForm(WagtailLoginForm):
    """Wagtail's login form plus the code for editors who turned two-factor on."""

    otp_token = TokenField(
        label="动态验证码", required=False, help_text="仅开启了两步验证的账户需要填写"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"  # Wagtail 8 ships this label untranslated

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = user and TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        if not device:
            return cleaned_data
        try:
            if not cleaned_data.get("otp_token"):
                raise ValidationError(
                    "此账户已开启两步验证，请填写验证器应用上的6位动态验证码。", code="otp"
                )
            check_code(device, cleaned_data["otp_token"])
        except ValidationError:
            # A wrong code is a failed login: django-axes counts it towards the lockout.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            self.user_cache = None
            raise
        user.otp_device = device  # django-otp marks the session verified on login
        return cleaned_data


class ConfirmForm(forms.Form):
    otp_token = TokenField(label="动态验证码")

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        check_code(self.device, self.cleaned_data["otp_token"])
        return self.cleaned_data["otp_token"]


@sensitive_post_parameters("otp_token")
def two_factor(request):
    """Turn two-factor sign-in on (scan, confirm with a code) or off (confirm with a code)."""
    user = request.user
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    confirmed = device is not None
    if not confirmed:
        pending = TOTPDevice.objects.devices_for_user(user, confirmed=False)
        device = pending.first() or TOTPDevice.objects.create(
            user=user, confirmed=False, name="验证器应用"
        )
    form = ConfirmForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if confirmed:
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, "已关闭两步验证。")
        else:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "已开启两步验证：以后登录时需要填写动态验证码。")
        return redirect("portal_two_factor")
    context = {"form": form, "enabled": confirmed}
    if not confirmed:
        context["qr_code"] = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
        context["secret"] = b32encode(device.bin_key).decode()
    return TemplateResponse(request, "portal/two_factor.html", context)

"""Admin accounts: the login lockout backend, the per-address login throttle, the limited
password reset and the password length rule."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from wagtail.admin.views.account import PasswordResetView

from portal.security.throttles import SlidingWindow, address

HOUR = 3600
# Slower than the pair lockout: many editors can share an office's address.
failed_logins = SlidingWindow("login-failed", settings.LOGIN_ADDRESS_FAILURE_LIMIT, HOUR)
reset_requests = SlidingWindow("reset-address", settings.PASSWORD_RESET_ADDRESS_LIMIT, HOUR)
reset_mails = SlidingWindow("reset-account", settings.PASSWORD_RESET_ACCOUNT_LIMIT, HOUR)
RESET_LIMITED = "重设密码的请求过于频繁，请一小时后再试。"


@receiver(user_login_failed, dispatch_uid="portal-login-failed-per-address")
def count_failure_per_address(sender, credentials, request=None, **kwargs):
    if request is not None:
        failed_logins.count(address(request))


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request, as web logins do.

    authenticate() called from code without a request (the shell, `Client.login` in
    tests) is not a login attempt anyone outside can make, so it is not counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if failed_logins.exceeded(address(request)):
            request.axes_locked_out = True  # django-axes' middleware shows the lockout page
            raise AxesBackendPermissionDenied("too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


class LimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset, at most a few e-mails an hour per address and per
    account. An account over its limit gets the usual answer and no e-mail, so the page
    tells nobody which accounts exist."""

    def form_valid(self, form):
        if not reset_requests.allow(address(self.request)):
            form.add_error(None, RESET_LIMITED)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if not reset_mails.allow(form.cleaned_data["email"].strip().lower()):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, with the message in Chinese (Django 5.2 has no translation of it)."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"密码太短，至少需要 {self.min_length} 个字符。", code="password_too_short"
            )

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"

"""Admin accounts: the login lockout backend and the password length rule."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request, as web logins do.

    authenticate() called from code without a request (the shell, `Client.login` in
    tests) is not a login attempt anyone outside can make, so it is not counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, with the message in Chinese (Django 5.2 has no translation of it)."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"密码太短，至少需要 {self.min_length} 个字符。", code="password_too_short"
            )

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"

"""Editors' accounts: the password rule, login lockout and two-factor sign-in."""

from datetime import timedelta

from portal.settings.environment import env
from portal.settings.wagtail import WAGTAIL_SITE_NAME

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.security.accounts.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts. Failed logins are counted per pair of address and user name (django-axes, in
# the database): after LOGIN_FAILURE_LIMIT failures that pair is locked for
# LOGIN_LOCKOUT_MINUTES, so guesses from elsewhere never lock an editor out at their own
# address. An address that fails LOGIN_ADDRESS_FAILURE_LIMIT times in an hour, whatever
# the names, is refused for the rest of that hour (portal/security/accounts.py).
# `manage.py axes_reset_username NAME` (or axes_reset) unlocks a pair at once.
AUTHENTICATION_BACKENDS = [
    "portal.security.accounts.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
# Password-reset e-mails: per address and per account, each an hour.
PASSWORD_RESET_ADDRESS_LIMIT = int(env("PASSWORD_RESET_ADDRESS_LIMIT", "5"))
PASSWORD_RESET_ACCOUNT_LIMIT = int(env("PASSWORD_RESET_ACCOUNT_LIMIT", "3"))
# A lockout ends on time even while someone keeps guessing, so nobody can keep an editor
# out for good by typing wrong passwords under their name.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.security.proxies.client_ip"
AXES_LOCKOUT_TEMPLATE = "portal/account_locked.html"
AXES_ENABLE_ADMIN = False  # no Django admin here; the commands above manage lockouts
# Two-factor sign-in, opt-in per editor (django-otp TOTP; portal/twofactor.py).
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.twofactor.LoginForm"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

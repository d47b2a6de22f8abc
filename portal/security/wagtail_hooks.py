"""The two-factor page under 账户设置 in the admin."""

from django.urls import path, reverse
from wagtail import hooks

from portal.security import twofactor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("account/two-factor/", twofactor.two_factor, name="portal_two_factor")]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("portal_two_factor"),
        "label": "两步验证",
        "help_text": "登录时除密码外再输入手机验证器应用上的动态验证码",
    }

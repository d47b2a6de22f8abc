"""Admin additions of the site-wide pieces: the link directory, the two-factor page under
账户设置, and clearing the cached chrome on change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import path, reverse
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.signals import post_page_move
from wagtail.snippets.models import register_snippet

from portal import twofactor
from portal.models import SiteSettings
from portal.navigation import appears_in_chrome, clear_chrome
from portal.snippets import DirectoryLink, LinkGroup, LinkGroupViewSet

register_snippet(LinkGroupViewSet)

CHROME_MODELS = (SiteSettings, LinkGroup, DirectoryLink, Site)


def chrome_changed():
    # Now, so the same request already sees the change, and again after the commit,
    # so a concurrent request that rendered from the old rows cannot keep its copy.
    clear_chrome()
    transaction.on_commit(clear_chrome)


@receiver(post_save)
@receiver(post_delete)
def clear_chrome_on_change(sender, instance, **kwargs):
    if isinstance(instance, CHROME_MODELS) or (
        isinstance(instance, Page) and appears_in_chrome(instance)
    ):
        chrome_changed()


@receiver(post_page_move)
def clear_chrome_on_move(sender, instance, **kwargs):
    chrome_changed()


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

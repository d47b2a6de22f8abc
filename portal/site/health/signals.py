"""A page's content findings follow its publishing (portal.site.health.content)."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from portal.site.health.content import check_page, forget_page


@receiver(page_published, dispatch_uid="site-health-check-published")
def check_published(sender, instance, **kwargs):
    check_page(instance)


@receiver(page_unpublished, dispatch_uid="site-health-forget-unpublished")
def forget_unpublished(sender, instance, **kwargs):
    forget_page(instance)

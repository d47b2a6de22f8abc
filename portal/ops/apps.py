from django.apps import AppConfig


class OpsConfig(AppConfig):
    """/healthz, JSON logs, and `backup` / `restore`."""

    name = "portal.ops"
    label = "portal_ops"
    verbose_name = "运维"

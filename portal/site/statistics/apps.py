from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "portal.site.statistics"
    label = "portal_statistics"
    verbose_name = "访问统计"
    default_auto_field = "django.db.models.BigAutoField"

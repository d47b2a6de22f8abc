from django.apps import AppConfig


class NewsStatisticsConfig(AppConfig):
    name = "news.statistics"
    label = "news_statistics"
    verbose_name = "访问统计"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "政策法规"
    default_auto_field = "django.db.models.BigAutoField"

"""Editors of a site set up before 访问统计 existed see it without running `setup_roles`
again: the group 编辑, where it exists, gains the view permission (created here, since
Django creates permissions only after all migrations have run)."""

from django.db import migrations

EDITORS = "编辑"  # news.roles.EDITORS, fixed here as migrations must be


def grant_editors_the_statistics(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:  # removed by an administrator: setup_roles makes it again
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="news_statistics", model="dailyview"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_dailyview",
        defaults={"name": "Can view 每日访问量"},
    )
    editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("news_statistics", "0001_daily_views"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_editors_the_statistics, migrations.RunPython.noop)]

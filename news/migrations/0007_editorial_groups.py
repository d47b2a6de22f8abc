"""The groups 编辑 and 投稿人 replace Wagtail's default Moderators and Editors.

Moderators become 编辑 (they already publish); Editors become 投稿人 and lose the page
permissions Wagtail gave them on the whole tree and the right to change others' images
and documents. `manage.py setup_roles` grants the
contributors' permissions on the news columns and wires the 编辑审核 workflow.
"""

from django.db import migrations

RENAMES = {"Moderators": "编辑", "Editors": "投稿人"}
DEFAULT_REVIEW, REVIEW = "Moderators approval", "编辑审核"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    for old, new in RENAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
        Group.objects.get_or_create(name=new)
    Group.objects.filter(name__in=RENAMES).delete()

    contributors = Group.objects.get(name="投稿人")
    GroupPagePermission.objects.filter(group=contributors).delete()
    GroupCollectionPermission.objects.filter(
        group=contributors, permission__codename__startswith="change_"
    ).delete()
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in Group.objects.filter(name__in=RENAMES.values()):
        group.permissions.add(*access)

    Task.objects.filter(name=DEFAULT_REVIEW).update(name=REVIEW)
    Workflow.objects.filter(name=DEFAULT_REVIEW).update(name=REVIEW)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_submission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

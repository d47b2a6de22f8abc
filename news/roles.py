"""Who may do what: the groups 编辑 and 投稿人, and the 编辑审核 review workflow.

编辑 (editors) publish anywhere, review what contributors submit and look after the
message board, member units, the sensitive-word list, site settings and personal data.
投稿人 (contributors) may add articles in the news columns, edit their own and submit
them for review; they cannot publish, unpublish, delete others' pages, or reach settings
and users.

`setup_roles()` is idempotent and runs from `manage.py setup_roles`, `load_demo` and
whenever a news index or column is created in the admin. 投稿人 is reset to exactly this
definition; 编辑 gains what it lacks and keeps what an administrator added.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from news.models import NewsCategoryPage, NewsIndexPage

EDITORS, CONTRIBUTORS, REVIEW = "编辑", "投稿人", "编辑审核"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# "add" alone: create pages and edit or delete one's own unpublished pages, nothing else.
CONTRIBUTOR_PAGE_PERMISSIONS = ("add_page",)
EDITOR_COLLECTION_PERMISSIONS = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)
CONTRIBUTOR_COLLECTION_PERMISSIONS = (
    "add_image",
    "choose_image",
    "add_document",
    "choose_document",
)
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
EDITOR_MODEL_PERMISSIONS = (
    ADMIN_ACCESS,
    ("association", "view_message"),
    ("association", "change_message"),
    ("association", "delete_message"),
    ("association", "view_sensitiveword"),
    ("association", "add_sensitiveword"),
    ("association", "change_sensitiveword"),
    ("association", "delete_sensitiveword"),
    ("association", "view_calendarday"),
    ("association", "add_calendarday"),
    ("association", "change_calendarday"),
    ("association", "delete_calendarday"),
    ("association", "view_memberunit"),
    ("association", "add_memberunit"),
    ("association", "change_memberunit"),
    ("association", "delete_memberunit"),
    ("association", "manage_personal_data"),
    ("news", "view_submission"),
    ("news", "change_submission"),
    ("news_statistics", "view_dailyview"),  # 访问统计
    ("site_health", "view_site_health"),
    ("site_health", "view_columnschedule"),
    ("site_health", "add_columnschedule"),
    ("site_health", "change_columnschedule"),
    ("site_health", "delete_columnschedule"),
)


def permissions(pairs):
    match = Q(pk__in=[])
    for app_label, codename in pairs:
        match |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(match))


def settings_permissions():
    """Change permission for every site setting, whichever app registers it."""
    return permissions(
        (model._meta.app_label, f"change_{model._meta.model_name}") for model in settings_registry
    )


def page_permissions(codenames):
    return permissions(("wagtailcore", codename) for codename in codenames)


def collection_permissions(codenames):
    return list(
        Permission.objects.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__in=codenames
        )
    )


def grant_pages(group, pages, codenames, exact):
    wanted = {(page.pk, perm.pk) for page in pages for perm in page_permissions(codenames)}
    existing = GroupPagePermission.objects.filter(group=group)
    if exact:
        for grant in existing:
            if (grant.page_id, grant.permission_id) not in wanted:
                grant.delete()
    have = set(existing.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=perm_id)
        for page_id, perm_id in wanted - have
    )


def grant_collection(group, codenames, exact):
    root = Collection.get_first_root_node()
    wanted = collection_permissions(codenames)
    existing = GroupCollectionPermission.objects.filter(group=group)
    if exact:
        existing.exclude(collection=root, permission__in=wanted).delete()
    for perm in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=perm
        )


def wire_review_workflow(editors, news_indexes):
    task = GroupApprovalTask.objects.filter(name=REVIEW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW)
    task.active = True
    task.save()
    task.groups.set([editors])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW)
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in news_indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    WorkflowPage.objects.filter(workflow=workflow).exclude(page__in=news_indexes).delete()
    return workflow


@transaction.atomic
def give_editors_what_upgrades_added():
    """After every `migrate`: on a site whose group 编辑 exists, it gains the model and
    settings permissions of features an upgrade added (访问统计, 网站健康自查, …) without
    anything else of `setup_roles` being redone. Django creates permissions only after
    `migrate`'s own handlers have run, app by app, so they are created here first."""
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    editors.permissions.add(*permissions(EDITOR_MODEL_PERMISSIONS), *settings_permissions())


@transaction.atomic
def setup_roles():
    """Create or repair the groups, their permissions and the workflow; return a summary."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)

    editors.permissions.add(*permissions(EDITOR_MODEL_PERMISSIONS), *settings_permissions())
    contributors.permissions.set(permissions([ADMIN_ACCESS]))

    root = Page.get_first_root_node()
    grant_pages(editors, [root], EDITOR_PAGE_PERMISSIONS, exact=False)
    columns = list(NewsCategoryPage.objects.all())
    grant_pages(contributors, columns, CONTRIBUTOR_PAGE_PERMISSIONS, exact=True)
    grant_collection(editors, EDITOR_COLLECTION_PERMISSIONS, exact=False)
    grant_collection(contributors, CONTRIBUTOR_COLLECTION_PERMISSIONS, exact=True)

    news_indexes = list(NewsIndexPage.objects.all())
    wire_review_workflow(editors, news_indexes)
    return {"columns": len(columns), "news_indexes": len(news_indexes)}

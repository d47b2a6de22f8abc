"""The association's corner of the admin: messages, member units, the sensitive-word
list, and the personal-data desk."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from association import views
from association.deadlines import due_soon_messages, overdue_messages, unanswered
from association.models import CalendarDay, MemberUnit, Message, SensitiveWord
from portal.core.admin_menus import PermissionMenuItem


class MessageFilterSet(WagtailFilterSet):
    flagged = django_filters.BooleanFilter(label="含敏感词", method="filter_flagged")
    deadline = django_filters.ChoiceFilter(
        label="办理期限",
        choices=[("overdue", "已超期"), ("due_soon", "即将到期"), ("open", "未回复")],
        method="filter_deadline",
    )

    class Meta:
        model = Message
        fields = ["status", "allow_public"]

    def filter_flagged(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(flagged_words="") if value else queryset.filter(flagged_words="")

    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        chosen = {
            "overdue": overdue_messages,
            "due_soon": due_soon_messages,
            "open": lambda today: unanswered(),
        }.get(value)
        return queryset.filter(pk__in=chosen(today).values("pk")) if chosen else queryset


def read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


class MessageViewSet(SnippetViewSet):
    model = Message
    icon = "mail"
    menu_label = "留言"
    list_display = [
        "subject",
        "name",
        "created_at",
        "status",
        "flagged_words",
        "due_date",
        "replied_at",
    ]
    filterset_class = MessageFilterSet
    search_fields = ["subject", "body", "name"]
    panels = [
        MultiFieldPanel(
            read_only("subject", "body", "created_at", "due_date", "allow_public"), heading="留言"
        ),
        MultiFieldPanel(
            read_only("name", "phone", "email"), heading="留言人（联系方式仅编辑可见，不会公开）"
        ),
        MultiFieldPanel(["reply", "status", "flagged_words"], heading="回复与审核"),
    ]


class MemberUnitViewSet(SnippetViewSet):
    model = MemberUnit
    icon = "group"
    menu_label = "会员单位"
    list_display = ["name", "kind", "province", "zone"]
    list_filter = ["kind", "province"]
    list_export = ["name", "kind", "province"]
    search_fields = ["name"]
    panels = ["name", "kind", "province", "zone"]


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    panels = ["word", "note"]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "节假日与调休"
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["note"]
    panels = ["date", "kind", "note"]


class AssociationGroup(SnippetViewSetGroup):
    menu_label = "协会"
    menu_icon = "site"
    menu_order = 250
    items = (MessageViewSet, CalendarDayViewSet, MemberUnitViewSet, SensitiveWordViewSet)


register_snippet(AssociationGroup)


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path("personal-data/", views.personal_data, name="personal_data"),
        path("reports/messages/", views.message_figures, name="message_figures"),
    ]


@hooks.register("register_reports_menu_item")
def message_figures_menu_item():
    return PermissionMenuItem(
        "留言统计",
        reverse("message_figures"),
        icon_name="mail",
        order=300,
        permission="association.view_message",
    )


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PermissionMenuItem(
        "个人信息查询",
        reverse("personal_data"),
        icon_name="user",
        order=900,
        permission=views.PERMISSION,
    )

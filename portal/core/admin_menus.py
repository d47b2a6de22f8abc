"""Admin menu items shown only to those who hold a permission (Wagtail's MenuItem has no
such argument): statistics, site health, reports and personal-data screens use it."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

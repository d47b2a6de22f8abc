from wagtail.admin.panels import Panel


class AttachmentTextPanel(Panel):
    """Tells editors, on the edit view, which attachments the search reads and which it
    cannot (a scan without a text layer: the page is then found by its title only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "policies/admin/attachment_text_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["attachments"] = list(page.attachments.all()) if page.pk else []
            return context

from wagtail.admin.forms import WagtailAdminPageForm


class PortalPageForm(WagtailAdminPageForm):
    """Lets editors leave the slug empty: the page then makes it from the title's pinyin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = "留空则根据标题拼音自动生成，只能使用英文字母、数字和连字符。"

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug") and cleaned_data.get("title"):
            page = self.instance
            page.title, page.slug = cleaned_data["title"], ""
            page.fill_empty_slug(parent=self.parent_page)
            cleaned_data["slug"] = page.slug
        return cleaned_data

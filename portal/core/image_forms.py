"""The admin's image form: it asks editors for the text screen readers read out, and
checks the file for what it really is. Kept apart from portal.core.image_checks: Wagtail's form
module needs the models loaded, and the checks are imported while models load."""

from wagtail.images.forms import BaseImageForm

from portal.core.image_checks import CheckedImageField


class PortalImageForm(BaseImageForm):
    """Wagtail uses an image's description as its alt text (the title when it is empty)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = "图片说明（替代文字）"
            self.fields["description"].help_text = (
                "请用一句话写明图片内容，如“北京经开区管委会大楼外景”。"
                "读屏软件为视障读者朗读这句话，图片打不开时也显示它；留空则使用标题。"
            )


class CheckedImageForm(PortalImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): the alt-text prompt above,
    and `CheckedImageField` for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:  # absent from the forms that edit only title and tags
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )

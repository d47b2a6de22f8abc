"""The admin's image form, kept apart from portal.image_checks: Wagtail's form module
needs the models loaded, and the checks are imported while models load."""

from wagtail.images.forms import BaseImageForm

from portal.image_checks import CheckedImageField


class CheckedImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with `CheckedImageField`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:  # absent from the forms that edit only title and tags
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )

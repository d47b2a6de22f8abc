"""The public forms of news: 投稿."""

from django import forms

from association.forms import ContactForm

# news.models loads this module (for SubmissionPage) after its pages module.
from news.models.pages import NewsPage
from portal.core.text_fields import PublicTextField, model_text_field
from portal.core.uploads import AttachmentField, MultipleImageField

MAX_IMAGES = 5
# Page ids are 32-bit integers; a longer number overflows SQLite's driver before the query.
LARGEST_ID = 2**31 - 1


class ColumnChoiceField(forms.ModelChoiceField):
    """A column by its id; any id the database could not hold is simply not a column."""

    def to_python(self, value):
        if value not in self.empty_values and not (
            str(value).isascii() and str(value).isdigit() and int(value) <= LARGEST_ID
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SubmissionForm(ContactForm):
    # Shorter than the page's title (255): the pictures' titles add "（图N）" to it.
    title = model_text_field(NewsPage, "title", label="标题", max_length=200)
    column = ColumnChoiceField(label="投稿栏目", queryset=None, empty_label="请选择栏目")
    source = model_text_field(
        NewsPage, "source", label="来源单位", help_text="例如：苏州工业园区管委会"
    )
    authors = model_text_field(NewsPage, "authors", label="作者", help_text="多位作者以空格分隔")
    body = PublicTextField(
        label="正文",
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="纯文本，每段一行；不支持 HTML 等格式代码。",
    )
    attachment = AttachmentField(label="附件", required=False)

    field_order = [
        "title",
        "column",
        "source",
        "authors",
        "body",
        "images",
        "attachment",
        "name",
        "phone",
        "email",
        "consent",
    ]

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "联系人"
        self.fields["column"].queryset = columns
        # Built per form, so the upload limits follow the settings in force.
        self.fields["images"] = MultipleImageField(
            label="图片", required=False, max_files=MAX_IMAGES
        )
        self.fields["images"].help_text = f"可选，最多 {MAX_IMAGES} 张。" + str(
            self.fields["images"].help_text
        )
        self.order_fields(self.field_order)

"""The admin's image form asks editors for the text that screen readers read out."""

from wagtail.images.forms import BaseImageForm


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

"""The public forms of the association: the contact details every public form asks
for (投稿 too), and the 留言 form."""

import re

from django import forms
from django.utils import timezone

from association.models.messages import Message
from association.models.privacy import ContactRecord, normalize_phone
from portal.core.public_forms import HoneypotField
from portal.core.text_fields import max_length_of, model_text_field

PHONE = re.compile(r"^\+?\d{5,20}$")


class ContactForm(forms.Form):
    """The fields every public form asks of a person, with consent and a honeypot."""

    name = model_text_field(
        ContactRecord,
        "name",
        label="姓名",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=max_length_of(ContactRecord, "phone"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text="联系电话和电子邮箱至少填写一项，仅编辑可见。",
    )
    email = forms.EmailField(
        label="电子邮箱",
        max_length=max_length_of(ContactRecord, "email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label="我已阅读并同意个人信息保护说明",
        error_messages={"required": "请阅读并勾选同意个人信息保护说明。"},
    )
    website = HoneypotField()

    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请填写正确的电话号码，例如 13800138000 或 010-12345678。")
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.has_error("email"):
            self.add_error("phone", "请填写联系电话或电子邮箱（至少一项），以便我们与您联系。")
        return cleaned

    def contact_details(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "phone": data["phone"],
            "email": data["email"],
            "consented_at": timezone.now(),
        }


class MessageForm(ContactForm):
    subject = model_text_field(Message, "subject", label="主题")
    body = model_text_field(
        Message, "body", label="留言内容", widget=forms.Textarea(attrs={"rows": 6})
    )
    allow_public = forms.BooleanField(
        label="同意公开我的留言和回复（不显示联系方式，姓名只显示首字）",
        required=False,
        initial=True,
    )

    field_order = ["subject", "body", "name", "phone", "email", "allow_public", "consent"]

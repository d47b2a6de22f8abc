"""The upload form of 从Word导入: one .docx, converted while the form is cleaned so that
every problem with the file is shown on the form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from news.legacy.record import UnreadableFile
from news.legacy.word.convert import read_word


class WordImportForm(forms.Form):
    document = forms.FileField(
        label="Word 文档",
        help_text=(
            "一个 .docx 文件（WPS 文字另存为 .docx 亦可），"
            f"不超过 {filesizeformat(settings.WORD_IMPORT_MAX_SIZE)}。"
            "标题、来源、作者和发布时间从文档开头几行读取。"
        ),
        error_messages={"required": "请选择要导入的 Word 文档。"},
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    article = None

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > settings.WORD_IMPORT_MAX_SIZE:  # refused before it is read
            raise ValidationError(
                f"文件过大（{filesizeformat(upload.size)}），"
                f"不能超过 {filesizeformat(settings.WORD_IMPORT_MAX_SIZE)}。"
            )
        upload.seek(0)
        try:
            self.article = read_word(upload.read(), upload.name)
        except UnreadableFile as error:
            raise ValidationError(f"“{upload.name}”无法导入：{error}") from None
        return upload

"""发文字号: checked as Chinese public sites write it, compared in one normal form.

The year's brackets are typed in many ways (〔〕 the standard, [] ［］ 【】 （） () by
hand or by OCR), with stray spaces; all of them compare equal, so an import matches
the page an editor typed with other brackets.
"""

import re

from django.core.exceptions import ValidationError

OPENING = "[［【（(〔"
CLOSING = "]］】）)〕"
BRACKETS = str.maketrans({**dict.fromkeys(OPENING, "〔"), **dict.fromkeys(CLOSING, "〕")})
# 国办发〔2017〕7号, 津政办函〔2017〕103号, 中开协标〔2022〕第1号; 2018年第4号公告; 主席令第五十七号
FORMS = (
    re.compile(r"^\D[^〔〕]*〔(19|20)\d\d〕第?\d+号$"),
    re.compile(r"^(19|20)\d\d年第\d+号(公告|令)?$"),
    re.compile(r"^\D[^〔〕]*第[\d一二三四五六七八九十百千零〇]+号$"),
)
EXAMPLE = "国办发〔2017〕7号"


def normalised(number):
    """The comparable form: one kind of bracket, no spaces of any width."""
    return "".join((number or "").translate(BRACKETS).split())


def check(number):
    """Raise ValidationError unless `number` (already stripped) is a 发文字号."""
    if number and not any(form.match(normalised(number)) for form in FORMS):
        raise ValidationError(
            f"发文字号“{number}”格式不正确，应如“{EXAMPLE}”（机关代字〔年份〕序号号）。",
            code="doc_number",
        )

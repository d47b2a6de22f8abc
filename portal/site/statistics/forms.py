"""The period and scope the statistics screens show, from the query string: the last 7,
30, 90 or 365 days, or a range of dates, for the site or one page (a column, an article).

A bad range or page never fails the screen: the form says what is wrong in Chinese and
the screen shows the default (the site's last 30 days) meanwhile.
"""

import datetime

from django import forms
from django.utils import timezone
from wagtail.models import Page

from news.forms import LARGEST_ID
from news.statistics.figures import Period

LAST_DAYS = (7, 30, 90, 365)
DEFAULT_DAYS = 30
EARLIEST = datetime.date(2000, 1, 1)
LONGEST_DAYS = 731  # two years side by side, leap day included


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="最近",
        choices=[(days, f"{days} 天") for days in LAST_DAYS],
        coerce=int,
        required=False,
    )
    start = forms.DateField(label="开始日期", required=False)
    end = forms.DateField(label="结束日期", required=False)
    page = forms.IntegerField(
        label="页面", required=False, min_value=1, max_value=LARGEST_ID, widget=forms.HiddenInput
    )

    def __init__(self, data, today=None):
        super().__init__(data)
        self.today = today or timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if "start" in self.errors or "end" in self.errors or (start is None and end is None):
            return cleaned
        if start is None or end is None:
            raise forms.ValidationError("请同时填写开始日期和结束日期。")
        if start > end:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        if end > self.today:
            raise forms.ValidationError("结束日期不能晚于今天。")
        if start < EARLIEST:
            raise forms.ValidationError("开始日期不能早于2000年01月01日。")
        if (end - start).days + 1 > LONGEST_DAYS:
            raise forms.ValidationError(f"日期范围最长 {LONGEST_DAYS} 天。")
        return cleaned

    def clean_page(self):
        page_id = self.cleaned_data.get("page")
        if page_id is None:
            return None
        page = Page.objects.filter(pk=page_id, depth__gt=1).specific().first()
        if page is None:
            raise forms.ValidationError("没有这个栏目或文章。")
        return page

    @property
    def period(self):
        """The chosen period, or the last DEFAULT_DAYS days while the choice is bad."""
        self.is_valid()
        data = self.cleaned_data
        if not self.errors.get("__all__") and data.get("start") and data.get("end"):
            return Period(data["start"], data["end"])
        return Period.last(data.get("days") or DEFAULT_DAYS, self.today)

    @property
    def scope(self):
        """The page whose figures are shown, None for the whole site."""
        self.is_valid()
        return self.cleaned_data.get("page")

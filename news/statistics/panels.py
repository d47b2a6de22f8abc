"""An article's own 访问统计 in its edit view: a tab with its views over the last 7, 30,
90 and 365 days, its last 30 days as a chart, where its readers came from and on what."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import Panel

from news.statistics import figures
from portal.core import charts

PANEL_DAYS = (7, 30, 90, 365)
CHART_DAYS = 30


class ViewFiguresPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/view_figures_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            if not page.pk:  # a new page, not yet saved: nothing counted
                return context
            today = timezone.localdate()
            month = figures.Period.last(CHART_DAYS, today)
            points = figures.per_day(month, page)
            context.update(
                totals=figures.totals_over(page, today, PANEL_DAYS),
                chart=charts.columns(
                    f"最近{CHART_DAYS}天每日访问量",
                    [(f"{day.month:02d}月{day.day:02d}日", views) for day, views in points],
                ),
                referrers=figures.referrers(month, page, limit=5),
                devices=figures.devices(month, page),
                more_url=f"{reverse('statistics')}?page={page.pk}",
            )
            return context

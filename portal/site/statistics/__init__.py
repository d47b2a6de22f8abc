"""访问统计 in the admin: the screens, their charts and downloads over the daily view
aggregate (news.statistics), and the searches made each day (models.py, recorded by the
search page)."""

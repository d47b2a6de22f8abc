"""访问统计 of articles: counted views per page and day, with where readers came from and
on what kind of device (models.py), recorded by the hit endpoint (recording.py) and read
by the admin's statistics screens and the annual report (figures.py)."""

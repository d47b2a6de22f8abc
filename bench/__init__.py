"""`make bench`: the portal under gunicorn, measured with wrk against a floor (see run.py)."""

"""gunicorn settings of the production command (README: Operations):

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

Every value comes from the environment, with defaults for one host behind nginx.
"""

import multiprocessing
import os
from pathlib import Path


def env_int(name, default):
    return int(os.environ.get(name, default))


wsgi_app = "portal.wsgi:application"
chdir = str(Path(__file__).resolve().parent.parent)  # the project, wherever gunicorn starts
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = env_int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
# A request still running after this many seconds has its worker killed and restarted.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On a restart or SIGTERM, workers finish the requests they are serving for this long.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Each worker is replaced after about this many requests (0: never), so slow leaks never grow.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
# Each worker draws its limit between max_requests and twice that: with a narrow jitter
# the workers, started together and served in turn, were replaced within 40 ms of each
# other, and for that moment nobody served.
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", max_requests)
# X-Forwarded-Proto and -For are believed only from the proxies the portal trusts
# (TRUSTED_PROXIES, portal/settings/security.py): gunicorn's default believes 127.0.0.1,
# which is anyone on the host when no proxy is configured.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "").replace(" ", "")
# gunicornc's control socket, only where asked for: its default path is one per user, so
# two instances on a host would share it.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# Logs on stderr, like the portal's own (LOG_FORMAT, LOG_LEVEL: portal/settings.py): JSON by
# default, as this is the production server. The access log is on unless
# GUNICORN_ACCESS_LOG is empty; it may also name a file.
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
if os.environ.get("LOG_FORMAT", "json") == "json":
    logger_class = "portal.ops.logs.JsonGunicornLogger"
else:
    # Combined log format plus the request time in ms and the request's id.
    access_log_format = (
        '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %({x-request-id}o)s'
    )

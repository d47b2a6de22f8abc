"""The request headers of the benchmark, shared by wrk and the query counter."""

# Sent with every request: the portal sits behind an HTTPS proxy.
HEADERS = {"X-Forwarded-Proto": "https"}

# When the environment has PAGE_CACHE_BYPASS=1 (the benchmark's gunicorn has), the page
# cache must pass a request carrying this header through to the view, neither serving nor
# storing it (see README, Performance): the "uncached" rows of the results.
BYPASS = {"X-Bench-Bypass-Cache": "1"}

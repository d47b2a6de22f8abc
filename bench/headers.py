"""The request headers of the benchmark, shared by wrk and the query counter."""

# Sent with every request: the portal sits behind an HTTPS proxy.
HEADERS = {"X-Forwarded-Proto": "https"}

# The page cache must pass a request carrying this header through to the view, as if it
# had no entry for it (see README, Performance): the "uncached" rows of the results.
BYPASS = {"X-Bench-Bypass-Cache": "1"}

"""Running wrk and reading its report."""

import re
import subprocess
from dataclasses import dataclass

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors and responses other than 2xx/3xx


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def parse(report):
    """The numbers of a `wrk --latency` report."""
    percentiles = dict(
        re.findall(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+(?:us|ms|s))\s*$", report, re.M)
    )
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return Measurement(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", report)[1]),
        p50_ms=milliseconds(percentiles["50"]),
        p99_ms=milliseconds(percentiles["99"]),
        requests=int(re.search(r"(\d+) requests in", report)[1]),
        errors=(sum(map(int, socket_errors.groups())) if socket_errors else 0)
        + (int(non_2xx[1]) if non_2xx else 0),
    )


def run_wrk(url, *, seconds, threads, connections, headers):
    # A generous timeout: a slow response counts in the latencies instead of vanishing
    # into wrk's timeout errors (2 s by default).
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s"]
    command.append("--latency")
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    report = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return parse(report)

#!/usr/bin/python3
"""Small HTTP load generator for the bench scripts: reads a list of URLs (one per line, '#' comments allowed),
fetches them with N concurrent clients (threads, one keep-alive connection each), and reports requests per
second and latency percentiles. A warm-up pass over the list comes first and is not counted.

    loadgen.py URLS [--clients 2] [--passes 1] [--seconds S] [--warmup 1] [--expect image/png] [--label TEXT] [--json]

With --seconds, passes go on until that many seconds are measured (at least --passes of them).

Every answer must be HTTP 200 with a Content-Type starting with --expect; anything else counts as an error and
the first few are printed (a benchmark of error answers would measure nothing).
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse


def read_urls(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


class Client:
    """One keep-alive connection to one host, reopened when the server closes it."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.conn = None
        self.netloc = None

    def get(self, url):
        parts = urllib.parse.urlsplit(url)
        if self.conn is None or self.netloc != parts.netloc:
            self.close()
            self.conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)
            self.netloc = parts.netloc
        path = parts.path + ("?" + parts.query if parts.query else "")
        try:
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            body = response.read()
        except (http.client.HTTPException, ConnectionError):
            self.close()  # a closed keep-alive connection: retry once on a new one
            self.conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            body = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, response.getheader("Content-Type", ""), body

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_pass(urls, clients, expect, timeout):
    """Fetches every URL once, spread over the clients in list order; returns (seconds, latencies, errors, bytes)."""
    lock = threading.Lock()
    state = {"next": 0, "bytes": 0}
    latencies, errors = [], []

    def worker():
        client = Client(timeout)
        try:
            while True:
                with lock:
                    i = state["next"]
                    state["next"] += 1
                if i >= len(urls):
                    return
                start = time.perf_counter()
                try:
                    status, ctype, body = client.get(urls[i])
                except Exception as e:  # noqa: BLE001 - any failure is an error of the measured server
                    status, ctype, body = -1, "", repr(e).encode()
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    state["bytes"] += len(body)
                    if status != 200 or not ctype.startswith(expect):
                        errors.append((urls[i], status, ctype, body[:300]))
        finally:
            client.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, latencies, errors, state["bytes"]


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls")
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--passes", type=int, default=1, help="measured passes over the list")
    parser.add_argument("--seconds", type=float, default=0, help="measure passes until this many seconds")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up passes over the list (not counted)")
    parser.add_argument("--expect", default="image/png", help="Content-Type prefix every answer must have")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--label", default="")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table row")
    args = parser.parse_args()
    urls = read_urls(args.urls)
    if not urls:
        sys.exit(f"no URL in {args.urls}")
    for _ in range(args.warmup):
        run_pass(urls, args.clients, args.expect, args.timeout)
    seconds, latencies, errors, size = 0.0, [], [], 0
    passes = 0
    while passes < args.passes or seconds < args.seconds:
        passes += 1
        s, lat, err, b = run_pass(urls, args.clients, args.expect, args.timeout)
        seconds += s
        latencies += lat
        errors += err
        size += b
    latencies.sort()
    result = {
        "label": args.label, "requests": len(latencies), "errors": len(errors), "clients": args.clients,
        "seconds": round(seconds, 3), "rps": float(f"{len(latencies) / seconds:.3g}"),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1), "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "mean_kb": round(size / max(1, len(latencies)) / 1024, 1),
    }
    for url, status, ctype, body in errors[:3]:
        print(f"error: {status} {ctype} {url}\n  {body!r}", file=sys.stderr)
    if args.json:
        print(json.dumps(result))
    else:
        print("| {label} | {requests} | {errors} | {rps} | {p50_ms} | {p95_ms} | {mean_kb} |".format(**result))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

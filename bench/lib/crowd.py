"""A crowd of WFS clients paging through a large layer in GeoJSON, beside one client of small requests that also
need a database connection: prints, per kind, the requests, statuses and latencies, and the share of pages that
carried numberMatched.
   python3 crowd.py SERVER_URL --clients N --seconds S"""
import argparse
import json
import random
import statistics
import threading
import time
import urllib.error
import urllib.request

PAGE = ("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=1000"
        "&startIndex={start}&outputFormat=application/json")
SMALL = ("/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=5"
         "&startIndex={start}&outputFormat=application/json")


def fetch(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    except Exception as e:  # a broken connection is a result too
        return f"error {type(e).__name__}", time.monotonic() - started, None
    return status, time.monotonic() - started, body


def client(base, template, spread, deadline, results, lock):
    rng = random.Random()
    while time.monotonic() < deadline:
        status, took, body = fetch(base + template.format(start=rng.randrange(spread)))
        counted = False
        if status == 200 and body:
            try:
                counted = "numberMatched" in json.loads(body)
            except ValueError:
                status = "invalid json"
        with lock:
            results.append((status, took, counted))


def summary(name, results):
    took = sorted(t for _, t, _ in results)
    statuses = {}
    for s, _, _ in results:
        statuses[s] = statuses.get(s, 0) + 1
    counted = sum(1 for s, _, c in results if c)
    p = lambda q: took[min(len(took) - 1, int(q * len(took)))] * 1000 if took else 0
    print(f"{name}: {len(results)} requests, statuses {statuses}, with numberMatched {counted}, "
          f"latency ms p50 {p(0.5):.0f} p95 {p(0.95):.0f} max {p(1.0):.0f}")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("server")
    a.add_argument("--clients", type=int, default=24)
    a.add_argument("--seconds", type=int, default=60)
    args = a.parse_args()
    deadline = time.monotonic() + args.seconds
    pages, smalls, lock = [], [], threading.Lock()
    threads = [threading.Thread(target=client, args=(args.server, PAGE, 20000, deadline, pages, lock))
               for _ in range(args.clients)]
    threads.append(threading.Thread(target=client, args=(args.server, SMALL, 50, deadline, smalls, lock)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    summary(f"pages of 1000 occurrences ({args.clients} clients)", pages)
    summary("small requests (1 client)", smalls)
    failed = sum(1 for s, _, _ in pages + smalls if s != 200)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

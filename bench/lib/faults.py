#!/usr/bin/python3
"""PostgreSQL failures under load, and what the clients get: 503 with Retry-After, never 500, and how soon it heals.

    faults.py BASE --cluster FOLDER --psql URL [--clients 4] [--quiet 15] [--down 10]

FOLDER is a private cluster of LocalPostgresCluster (data/, port, postgresql.log), never the system's.

Clients loop over requests that read the database (GetMap, GetFeature, OGC API items, CSW GetRecords, a WPS
corridor report, health) while, --quiet seconds apart, the database:
  1. restarts (pg_ctl restart -m fast: connections broken, a few seconds refused);
  2. loses every backend of the database (pg_terminate_backend, the server's pool and listener included);
  3. stops for --down seconds, then starts again.
A probe sends a GetFeature every 100 ms throughout. For each event it prints the answers' statuses (503 ServerBusy
apart: WPS executions beyond their places, whatever the database does), the window of the other 503s, and the recovery: from the moment the database accepts connections again (pg_ctl returned; for the
termination, the moment of the kill) to the first GetFeature answered 200.

Every answer must be 200, or 503 with Retry-After (health: 503 DOWN), in a well-formed body free of internal text
(exception class names, SQL, stack frames); the exit status is 1 otherwise, or when a recovery took more than 10 s.
"""
import argparse
import http.client
import json
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import xml.dom.minidom

REQUESTS = [
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=obs:communes,obs:habitats&STYLES=&CRS=EPSG:2154"
    "&BBOX=640000,7060000,660000,7080000&WIDTH=256&HEIGHT=256&FORMAT=image/png",
    "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=20&outputFormat=application/json",
    "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=50",
    "/ogcapi/collections/obs:communes/items?limit=10",
    "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results&maxRecords=5",
    "/wps?service=WPS&version=1.0.0&request=Execute&identifier=obs:CorridorIndicators&DataInputs=corridor%3D1"
    "&RawDataOutput=report",
    "/actuator/health",
]
PROBE = "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=1&outputFormat=application/json"
INTERNALS = re.compile(rb"PSQLException|SQLException|Hikari|org\.postgresql|java\.|\bat [a-z]+\.[a-z]+\.|ERROR:|"
                       rb"FATAL:|terminating connection|<html", re.I)


class Answers:
    def __init__(self):
        self.lock = threading.Lock()
        self.log = []  # (t, path, status, seconds)
        self.failures = []

    def add(self, t, path, status, seconds, problem=None):
        with self.lock:
            self.log.append((t, path, status, seconds))
            if problem and len(self.failures) < 30:
                self.failures.append("%s -> %s: %s" % (path[:80], status, problem))


def well_formed(status, headers, body, path):
    """None, or what is wrong with an answer that is not a 200."""
    if status != 503:
        return "status %s" % status
    if "Retry-After" not in headers and path != "/actuator/health":
        return "503 without Retry-After"
    if INTERNALS.search(body):
        return "internal text: %r" % body[:300]
    if len(body) > 4096:
        return "a %d-byte error report" % len(body)
    kind = headers.get("Content-Type", "")
    try:
        if "json" in kind:
            json.loads(body)
        else:
            xml.dom.minidom.parseString(body)
    except ValueError as e:
        return "not well-formed (%s): %r" % (e, body[:200])
    return None


def ask(base, path, started, answers, timeout=30):
    began = time.monotonic()
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        status, headers = response.status, dict(response.getheaders())
    except (OSError, http.client.HTTPException) as e:
        answers.add(began - started, path, "connection", time.monotonic() - began, type(e).__name__)
        return "connection"
    finally:
        conn.close()
    problem = None if status == 200 else well_formed(status, headers, body, path)
    # a WPS execution beyond its places is refused whatever the database does: counted apart
    answers.add(began - started, path, "503 ServerBusy" if status == 503 and b"ServerBusy" in body else status,
                time.monotonic() - began, problem)
    return status


def client(number, base, started, answers, stop):
    turn = number
    while not stop.is_set():
        ask(base, REQUESTS[turn % len(REQUESTS)], started, answers)
        turn += 1


def prober(base, started, answers, stop):
    while not stop.is_set():
        ask(base, PROBE, started, answers, timeout=15)
        time.sleep(0.1)


def pg_ctl(folder, bindir, *action):
    """Runs pg_ctl on the private cluster as its owner; a start gets the options LocalPostgresCluster gives it."""
    began = time.monotonic()
    command = ["runuser", "-u", "postgres", "--", bindir + "/pg_ctl", "-D", folder + "/data", "-w", "-t", "60", *action]
    if action[-1] == "start":
        with open(folder + "/port") as f:
            port = f.read().strip()
        command[-1:] = ["-l", folder + "/postgresql.log", "-o", "-p %s -c listen_addresses=127.0.0.1"
                        " -c unix_socket_directories=%s" % (port, folder), "start"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return began, time.monotonic()


def terminate(url):
    began = time.monotonic()
    out = subprocess.run(["psql", url, "-Atc", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                          " WHERE datname = current_database() AND pid <> pg_backend_pid()"],
                         capture_output=True, text=True, check=True).stdout.strip()
    return began, time.monotonic(), int(out)


def summarise(label, answers, started, event_start, back, until):
    """Statuses of the answers to requests sent between the event and `until`, the 503 window, the recovery."""
    with answers.lock:
        window = [a for a in answers.log if event_start - started - 1 <= a[0] < until - started]
    statuses = {}
    for a in window:
        statuses[a[2]] = statuses.get(a[2], 0) + 1
    refused = [a for a in window if a[2] not in (200, "503 ServerBusy")]
    first_ok = [a for a in window if back and a[1] == PROBE and a[2] == 200 and a[0] >= back - started]
    recovery = (first_ok[0][0] + first_ok[0][3] - (back - started)) if first_ok else None
    if back is None:  # no event: the answers alone
        print("%-10s answers %s" % (label, ", ".join("%s x %d" % kv for kv in sorted(statuses.items(),
                                                                                    key=lambda kv: str(kv[0])))))
        return None
    slowest_refusal = max((a[3] for a in refused), default=0)
    print("%-10s answers %s; database refusals from +%.1f s to +%.1f s after the event (slowest %.1f s); recovery %s"
          % (label, ", ".join("%s x %d" % kv for kv in sorted(statuses.items(), key=lambda kv: str(kv[0]))),
             (refused[0][0] - (event_start - started)) if refused else 0,
             (refused[-1][0] + refused[-1][3] - (event_start - started)) if refused else 0, slowest_refusal,
             "%.2f s" % recovery if recovery is not None else "NONE"), flush=True)
    return recovery


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--cluster", required=True)
    parser.add_argument("--bindir", required=True, help="the PostgreSQL programs (bin/pg-bindir)")
    parser.add_argument("--psql", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--quiet", type=float, default=15)
    parser.add_argument("--down", type=float, default=10)
    args = parser.parse_args()
    base = urllib.parse.urlsplit(args.base)
    answers = Answers()
    stop = threading.Event()
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i, base, started, answers, stop), daemon=True)
               for i in range(args.clients)]
    threads.append(threading.Thread(target=prober, args=(base, started, answers, stop), daemon=True))
    for t in threads:
        t.start()
    recoveries = []

    time.sleep(args.quiet)
    summarise("before", answers, started, started + 1, None, time.monotonic())
    began, back = pg_ctl(args.cluster, args.bindir, "-m", "fast", "restart")
    time.sleep(args.quiet)
    print("restart: pg_ctl restart took %.1f s" % (back - began))
    recoveries.append(summarise("restart", answers, started, began, back, time.monotonic()))

    began, back, killed = terminate(args.psql)
    time.sleep(args.quiet)
    print("terminate: %d backends of the database terminated" % killed)
    recoveries.append(summarise("terminate", answers, started, began, back, time.monotonic()))

    began, _ = pg_ctl(args.cluster, args.bindir, "-m", "fast", "stop")
    time.sleep(args.down)
    _, back = pg_ctl(args.cluster, args.bindir, "start")
    time.sleep(args.quiet)
    print("stop: the database stopped for %.0f s, then started" % args.down)
    recoveries.append(summarise("stop/start", answers, started, began, back, time.monotonic()))

    stop.set()
    for t in threads:
        t.join(40)
    print("total      %d answers; failures %d" % (len(answers.log), len(answers.failures)))
    for f in answers.failures:
        print("  failure:", f)
    slow = [r for r in recoveries if r is None or r > 10]
    return 1 if answers.failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())

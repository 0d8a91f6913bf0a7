#!/usr/bin/python3
"""Mixed valid and malformed load against a running server, for a few minutes, with what an operator watches.

    soak.py BASE TILES_BASE CORPUS_DIR [--minutes 3] [--clients 8] [--invalid 0.3] [--interval 15] [--pid PID]
            [--psql URL]

Each client (a thread) picks, at random with a fixed seed, a valid request of the list below (maps, features,
tiles on both ports, records, OGC API items, capabilities) or, with probability --invalid, a recorded malformed
request of CORPUS_DIR (server/src/test/resources/malformed-corpus, the format of its README in MalformedCorpus.java),
sent as raw bytes. Every --interval seconds, and at the start and the end, it prints: requests so far, errors, the
latency of the valid requests answered in that interval (median, 95th percentile, maximum), the process's RSS and
threads (/proc/PID/status), the database connections (pg_stat_activity, through psql) and the machine's load
average (1 minute).

An error is: a 5xx answer, a valid request not answered 200, a malformed one not answered 4xx, or a connection
that failed. The exit status is 1 when there was any error.

Kept-alive connections, as a real HTTP client keeps them (urllib3, Java's HttpClient, browsers): the valid requests
reuse one connection per port and client, and a server may close a connection it holds idle whenever it likes
(RFC 9112 section 9.5; here Tomcat after 20 s, the tile port after 60 s). So:
- a kept connection that the server has already closed (its socket reads as ready: an end of stream waits) is
  dropped before use and a new one opened, as urllib3 does; counted as "stale", not an error;
- a GET that fails on a reused connection before any byte of the answer came (reset, broken pipe, closed without
  a status line: the server closed it idle while the request was on its way) is sent again once on a new
  connection, as RFC 9112 section 9.3.1 allows for idempotent requests and real clients do; counted and printed
  at once as "retried" (with how long the connection had been idle), and the second answer is the one judged;
- everything else stays an error: a failure on a new connection, a failure after part of the answer, a retry
  that fails too, any 5xx.
"""
import argparse
import glob
import http.client
import os
import random
import re
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

VALID = [
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=obs:communes,obs:habitats&STYLES=&CRS=EPSG:2154"
    "&BBOX=640000,7060000,660000,7080000&WIDTH=512&HEIGHT=512&FORMAT=image/png",
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=sinp:occurrences&STYLES=&CRS=EPSG:3857"
    "&BBOX=240000,6560000,280000,6600000&WIDTH=256&HEIGHT=256&FORMAT=image/png",
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities",
    "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=obs:communes&count=50&outputFormat=application/json",
    "/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=sinp:occurrences&count=200",
    "/wmts?service=WMTS&version=1.0.0&request=GetTile&layer=obs:communes&style=default&format=image/png"
    "&tileMatrixSet=WebMercatorQuad&tileMatrix=10&tileRow=343&tileCol=518",
    "TILES/wmts/1.0.0/obs:communes/default/WebMercatorQuad/10/343/518.png",
    "TILES/wmts/1.0.0/obs:habitats/default/WebMercatorQuad/12/1373/2073.png",
    "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results&maxRecords=5",
    "/ogcapi/collections/obs:communes/items?limit=20",
    "/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=obs:Connectivity",
    "/actuator/health",
]
REPEAT = re.compile(r"\{\{repeat (\d+) ([^}]*)}}")


def corpus(directory):
    """(name, expected status, head bytes, body bytes) of each recorded request."""
    requests = []
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.http"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = REPEAT.sub(lambda m: m.group(2) * int(m.group(1)), f.read())
        lines = text.split("\n")
        expect, tiles = None, False
        while lines and lines[0].startswith("#"):
            comment = lines.pop(0)[1:].strip()
            if comment.startswith("expect:"):
                expect = int(comment[7:].split()[0])
            elif comment == "port: tiles":
                tiles = True
        blank = lines.index("") if "" in lines else len(lines)
        body = "\n".join(lines[blank + 1:])
        body = body[:-1] if body.endswith("\n") else body
        body = body.encode("utf-8")
        head = lines[0] + "\r\nHost: localhost\r\nConnection: close\r\n" + "".join(h + "\r\n" for h in lines[1:blank])
        if body:
            head += "Content-Length: %d\r\n" % len(body)
        requests.append((os.path.relpath(path, directory), expect, tiles, (head + "\r\n").encode("utf-8"), body))
    return requests


def raw(host, port, head, body, timeout):
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(head + body)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    answer = b"".join(chunks)
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


class Totals:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.errors = 0
        self.stale = 0
        self.retried = 0
        self.statuses = {}
        self.first_errors = []
        self.latencies = []

    def take_latencies(self):
        """The valid requests' latencies since the last call, sorted."""
        with self.lock:
            taken, self.latencies = self.latencies, []
        return sorted(taken)

    def retry(self, what):
        with self.lock:
            self.retried += 1
            if self.retried <= 20:
                print("  retried at %s: %s" % (time.strftime("%H:%M:%S"), what), flush=True)

    def add(self, what, status, ok, seconds=None):
        with self.lock:
            if seconds is not None:
                self.latencies.append(seconds)
            self.requests += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if not ok:
                self.errors += 1
                if len(self.first_errors) < 10:
                    self.first_errors.append("%s -> %s" % (what[:120], status))
                    # said at once too: a run stopped early keeps it
                    print("  error at %s: %s" % (time.strftime("%H:%M:%S"), self.first_errors[-1]), flush=True)


class KeptConnection:
    """One kept-alive connection to a port, with what a real client knows of it: used before, idle since when."""

    def __init__(self, target):
        self.http = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        self.used = False
        self.idle_since = time.monotonic()

    def closed_by_server(self):
        """Whether the server has closed it while it was idle (its socket is readable: an end of stream waits)."""
        sock = self.http.sock
        if sock is None:
            return False
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable)

    def get(self, path):
        """(status, keep) of one GET; raises OSError or HTTPException when it fails, with the attribute
        before_answer set when no byte of the answer came."""
        try:
            self.http.request("GET", path)
            response = self.http.getresponse()
        except (OSError, http.client.HTTPException) as e:
            # the connection closed or reset before the status line (RemoteDisconnected is a ConnectionResetError),
            # or while the request was sent; a time-out or a malformed status line is the server's doing
            e.before_answer = isinstance(e, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError))
            raise
        try:
            response.read()
        except (OSError, http.client.HTTPException) as e:
            e.before_answer = False
            raise
        self.used = True
        self.idle_since = time.monotonic()
        return response.status, response.getheader("Connection", "").lower() != "close"

    def close(self):
        self.http.close()


def fetch(connections, target, path, totals):
    """The status of a GET on the client's kept connection to target (or a new one), with the stale connection
    dropped and the one retry of the module's rule; a failure that counts is returned as "connection: ..."."""
    conn = connections.pop(target.port, None)
    if conn is not None and conn.closed_by_server():
        conn.close()
        conn = None
        with totals.lock:
            totals.stale += 1
    for attempt in (1, 2):
        conn = conn or KeptConnection(target)
        try:
            status, keep = conn.get(path)
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            if attempt == 1 and conn.used and getattr(e, "before_answer", False):
                totals.retry("%s after %.1f s idle: %s" % (path[:80], time.monotonic() - conn.idle_since,
                                                           type(e).__name__))
                conn = None
                continue
            return "connection: %s%s" % (type(e).__name__, " (retried)" if attempt == 2 else "")
        if keep:
            connections[target.port] = conn
        else:
            conn.close()
        return status


def client(number, args, base, tiles, requests, totals, stop):
    rnd = random.Random(number)
    connections = {}  # port -> KeptConnection
    while not stop.is_set():
        if rnd.random() < args.invalid:
            name, expect, on_tiles, head, body = rnd.choice(requests)
            target = tiles if on_tiles else base
            try:
                status = raw(target.hostname, target.port, head, body, 120)
            except OSError as e:
                status = "connection: " + type(e).__name__
            totals.add(name, status, isinstance(status, int) and 400 <= status < 500)
            continue
        url = rnd.choice(VALID)
        target = tiles if url.startswith("TILES") else base
        path = url[len("TILES"):] if url.startswith("TILES") else url
        began = time.monotonic()
        status = fetch(connections, target, path, totals)
        totals.add(path, status, status == 200, time.monotonic() - began)


def process_figures(pid):
    if not pid:
        return "-", "-"
    try:
        with open("/proc/%d/status" % pid) as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return "%d MB" % (int(fields["VmRSS"].split()[0]) // 1024), fields["Threads"].strip()
    except OSError:
        return "gone", "-"


def database_connections(url):
    if not url:
        return "-"
    try:
        return subprocess.run(["psql", url, "-Atc", "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"],
                              capture_output=True, text=True, timeout=10).stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def latency_figures(latencies):
    if not latencies:
        return "-"
    def ms(q):
        return "%d" % (1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))])
    return "%s/%s/%s ms" % (ms(0.5), ms(0.95), ms(1.0))


def report(label, totals, args):
    rss, threads = process_figures(args.pid)
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print("%-8s requests %6d  errors %4d  stale %4d  retried %3d  latency p50/p95/max %18s  RSS %8s  threads %4s"
          "  database connections %s  load %s"
          % (label, totals.requests, totals.errors, totals.stale, totals.retried,
             latency_figures(totals.take_latencies()), rss, threads, database_connections(args.psql), load), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("tiles")
    parser.add_argument("corpus")
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--invalid", type=float, default=0.3)
    parser.add_argument("--interval", type=float, default=15)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--psql")
    args = parser.parse_args()
    base, tiles = urllib.parse.urlsplit(args.base), urllib.parse.urlsplit(args.tiles)
    requests = corpus(args.corpus)
    totals = Totals()
    report("before", totals, args)
    stop = threading.Event()
    threads = [threading.Thread(target=client, args=(i, args, base, tiles, requests, totals, stop), daemon=True)
               for i in range(args.clients)]
    start = time.time()
    for t in threads:
        t.start()
    while time.time() - start < args.minutes * 60:
        time.sleep(min(args.interval, max(0.1, args.minutes * 60 - (time.time() - start))))
        report("%4.0f s" % (time.time() - start), totals, args)
    stop.set()
    for t in threads:
        t.join(150)
    time.sleep(5)  # the server's idle connections and threads settle
    report("after", totals, args)
    print("statuses:", ", ".join("%s x %d" % (k, v) for k, v in sorted(totals.statuses.items(), key=lambda kv: str(kv[0]))))
    for e in totals.first_errors:
        print("  error:", e)
    return 1 if totals.errors else 0


if __name__ == "__main__":
    sys.exit(main())

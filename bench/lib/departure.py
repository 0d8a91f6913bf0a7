#!/usr/bin/python3
"""One anonymous client leaves a WPS execution while it computes in parallel, and what the server does after.

    departure.py BASE --pid PID [--runs 3] [--idle-cpu 0.05]

Each run sends, on a raw socket, a synchronous Execute of the slowest process (obs:Connectivity of the woodland with
the importance of every patch), waits until the server's common pool (the threads that run the process's parallel
tasks, "ForkJoinPool.commonPool-worker-N") has used --pool-work CPU seconds since (0.05: its parallel part began),
then closes the socket. From that
moment it reads, second by second, the server's CPU use (/proc/PID/stat) and its common pool's
(/proc/PID/task/*/stat), until the server is idle: below --idle-cpu (5 % of a core) 3 seconds in a row. It prints
the time to idle, the CPU seconds the common pool and the whole process used after the departure, and the load.
A run whose answer comes before the common pool worked is reported so and not counted. No other client meanwhile.
"""
import argparse
import socket
import sys
import time
import urllib.parse

from storm import EXECUTE, cpu_seconds, load_average, thread_cpu

POOL = "ForkJoinPool.co"  # what /proc keeps of "ForkJoinPool.commonPool-worker-N" (15 characters)


def pool_cpu(pid):
    return sum(seconds for name, seconds in thread_cpu(pid).items() if name.startswith(POOL))


def one_run(base, pid, idle_cpu, pool_work):
    """(seconds to idle, pool CPU after, process CPU after, seconds before leaving, pool CPU before, process CPU
    before), or None when the answer came first."""
    before = pool_cpu(pid)
    sock = socket.create_connection((base.hostname, base.port), timeout=300)
    sock.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" % EXECUTE).encode())
    sock.setblocking(False)
    began = time.monotonic()
    process_before = cpu_seconds(pid)
    while pool_cpu(pid) - before < pool_work:
        try:
            if sock.recv(1, socket.MSG_PEEK):
                sock.close()
                return None  # answered before the common pool worked
        except BlockingIOError:
            pass
        if time.monotonic() - began > 300:
            sock.close()
            return None
        time.sleep(0.1)
    sock.close()
    left = time.monotonic()
    pool_at_leave, process_at_leave = pool_cpu(pid), cpu_seconds(pid)
    previous = (left, process_at_leave)
    quiet_seconds, quiet_from = 0, None
    while time.monotonic() - left < 120:
        time.sleep(1)
        now, used = time.monotonic(), cpu_seconds(pid)
        if (used - previous[1]) / (now - previous[0]) < idle_cpu:
            quiet_from = previous[0] - left if quiet_seconds == 0 else quiet_from
            quiet_seconds += 1
            if quiet_seconds == 3:
                break
        else:
            quiet_seconds = 0
        previous = (now, used)
    idle = quiet_from if quiet_seconds == 3 else None
    return (idle, pool_cpu(pid) - pool_at_leave, cpu_seconds(pid) - process_at_leave, left - began,
            pool_at_leave - before, process_at_leave - process_before)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle-cpu", type=float, default=0.05)
    parser.add_argument("--pool-work", type=float, default=0.05,
                        help="CPU seconds of the common pool after which the client leaves (its parallel part began)")
    args = parser.parse_args()
    base = urllib.parse.urlsplit(args.base)
    failed = False
    for run in range(1, args.runs + 1):
        load = load_average()
        result = one_run(base, args.pid, args.idle_cpu, args.pool_work)
        if result is None:
            print("run %d: answered before the common pool worked (load %s): not counted" % (run, load), flush=True)
            continue
        idle, pool, process, waited, pool_before, process_before = result
        failed = failed or idle is None
        print("run %d: left %.1f s after sending (the common pool had used %.2f CPU s, the process %.2f); idle (CPU"
              " below %.2f of a core, 3 s in a row) %s after; then the common pool used %.2f CPU s, the process %.2f;"
              " load %s before, %s after"
              % (run, waited, pool_before, process_before, args.idle_cpu,
                 "%.1f s" % idle if idle is not None else "NOT within 120 s", pool, process, load, load_average()),
              flush=True)
        time.sleep(3)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

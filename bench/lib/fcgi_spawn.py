#!/usr/bin/python3
"""Runs N copies of a FastCGI program on one Unix socket (what spawn-fcgi does): the listening socket is each
child's standard input, which is how libfcgi programs such as mapserv know they run as FastCGI. Stops the
children (SIGKILL) when stopped (SIGTERM / SIGINT).

    fcgi_spawn.py SOCKET N PROGRAM [ARGS...]
"""
import os
import signal
import socket
import sys


def main():
    path, count, program = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o666)
    listener.listen(64)
    children = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            os.dup2(listener.fileno(), 0)
            os.execvp(program[0], program)
        children.append(pid)
    listener.close()

    def stop(signum, frame):
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)  # mapserv ignores SIGTERM between requests
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        while True:
            try:
                os.waitpid(child, 0)
                break
            except ChildProcessError:
                break
            except InterruptedError:
                continue


if __name__ == "__main__":
    main()

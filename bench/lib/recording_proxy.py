#!/usr/bin/python3
"""A reverse proxy that records the XML answers of a server, for checking them afterwards.

    recording_proxy.py PORT UPSTREAM OUT_DIR

Listens on 127.0.0.1:PORT and forwards every request to UPSTREAM (http://host:port) unchanged, Host header included,
so that the server writes the proxy's address in the URLs it gives (capabilities, next links, schema locations) and
the client keeps coming through. Each answer whose Content-Type names XML is written to OUT_DIR as NNNNN.xml, with
NNNNN.txt holding the request line and the answer's status and Content-Type.
"""
import http.client
import itertools
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, UPSTREAM, OUT = int(sys.argv[1]), urllib.parse.urlsplit(sys.argv[2]), sys.argv[3]
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
numbers = itertools.count(1)
lock = threading.Lock()


class Forward(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one exchange per connection: the answer ends when the connection closes

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=900)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream.request(self.command, self.path, body=body, headers=headers)
        answer = upstream.getresponse()
        content = answer.read()
        upstream.close()
        self.send_response_only(answer.status, answer.reason)
        for k, v in answer.getheaders():
            if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)
        content_type = answer.getheader("Content-Type", "")
        if "xml" in content_type and content:
            with lock:
                n = next(numbers)
            name = os.path.join(OUT, "%05d" % n)
            with open(name + ".xml", "wb") as f:
                f.write(content)
            with open(name + ".txt", "w") as f:
                f.write("%s %s\n%d %s\n" % (self.command, self.path, answer.status, content_type))
                if body:
                    f.write(body.decode("utf-8", "replace") + "\n")

    do_GET = do_POST = do_HEAD = forward

    def log_message(self, *args):
        pass


os.makedirs(OUT, exist_ok=True)
ThreadingHTTPServer(("127.0.0.1", PORT), Forward).serve_forever()

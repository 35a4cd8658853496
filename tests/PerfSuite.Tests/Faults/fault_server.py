#!/usr/bin/python3
"""A tiny HTTP/1.1 server for the fault matrix: answers every GET with 200 "ok", prints "port N" once it listens and
"served" after each complete response, so a test can count what it did. Stalled (SIGSTOP) and killed (SIGKILL) by the
tests as a whole process group."""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_lock = threading.Lock()


def say(line):
    with _lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        say("served")

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 512
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
say(f"port {server.server_address[1]}")
server.serve_forever()

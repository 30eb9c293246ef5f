"""The server of the large-body benchmark, on 127.0.0.1 (a port of its own).

GET /bytes?n=N   N bytes with a Content-Length, written 1 MiB at a time.
POST /upload     reads the body 1 MiB at a time, keeping none of it, and
                 answers {"received": N} (N the bytes read).
It prints "PORT <n>" when it listens, and stops when its stdin closes.
"""
import http.server, json, sys, threading

BLOCK = bytes(range(256)) * 4096  # 1 MiB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        n = int(self.path.partition("=")[2])
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(n))
        self.end_headers()
        sent = 0
        while sent < n:
            part = BLOCK[: min(len(BLOCK), n - sent)]
            self.wfile.write(part)
            sent += len(part)

    def do_POST(self):
        remaining = int(self.headers.get("Content-Length", "0"))
        received = 0
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            received += len(chunk)
            remaining -= len(chunk)
        body = json.dumps({"received": received}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("PORT", server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()

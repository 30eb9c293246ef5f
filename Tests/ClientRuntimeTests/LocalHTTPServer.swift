import Foundation

/// A small HTTP server on 127.0.0.1 (Python's `http.server`, started for a
/// test and stopped with it, when its standard input closes) that plays what the streaming transport meets:
///
/// - `GET /held`: an event, then nothing until `GET /release`, then a second event;
/// - `GET /endless`: an event every 10 ms until the client goes away, which
///   `GET /state` then reports (`{"disconnected": 1}`);
/// - `POST /echo`: the request's body back, as it arrived;
/// - `GET /bytes?n=N`: N bytes, byte i being i % 251, with a `Content-Length`;
/// - `GET /unauthorized`: a `401` with `WWW-Authenticate: Basic` and a JSON body.
final class LocalHTTPServer: @unchecked Sendable {
    let process = Process()
    /// Closed to stop the server (a signal may be blocked in the child).
    let input = Pipe()
    let baseURL: URL

    static let script = #"""
        import http.server, json, os, sys, threading, time
        released = threading.Event()
        state = {"disconnected": 0}
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def head(self, status, content_type, length=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if length is not None: self.send_header("Content-Length", str(length))
                self.end_headers()
            def do_GET(self):
                path, _, query = self.path.partition("?")
                if path == "/held":
                    self.head(200, "text/event-stream")
                    self.wfile.write(b'data: {"text": "first"}\n\n'); self.wfile.flush()
                    text = "second" if released.wait(60) else "timeout"
                    self.wfile.write(('data: {"text": "%s"}\n\n' % text).encode()); self.wfile.flush()
                elif path == "/release":
                    released.set(); self.head(204, "text/plain", 0)
                elif path == "/endless":
                    self.head(200, "text/event-stream")
                    try:
                        for i in range(100000):
                            self.wfile.write(('data: {"text": "%d"}\n\n' % i).encode()); self.wfile.flush()
                            time.sleep(0.01)
                    except (BrokenPipeError, ConnectionResetError):
                        state["disconnected"] += 1
                elif path == "/unauthorized":
                    body = b'{"error": "bad credentials"}'
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="test"')
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers(); self.wfile.write(body)
                elif path == "/state":
                    body = json.dumps(state).encode()
                    self.head(200, "application/json", len(body)); self.wfile.write(body)
                elif path == "/bytes":
                    n = int(query.split("=")[1])
                    self.head(200, "application/octet-stream", n)
                    block = bytes(i % 251 for i in range(251 * 256))
                    sent = 0
                    while sent < n:
                        part = block[: min(len(block), n - sent)]
                        self.wfile.write(part); sent += len(part)
                else:
                    self.head(404, "application/json", 2); self.wfile.write(b"{}")
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                self.head(200, self.headers.get("Content-Type", "application/octet-stream"), len(body))
                self.wfile.write(body)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print("PORT", server.server_address[1], flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdin.read()
        os._exit(0)
        """#

    /// Starts the server; throws when python3 cannot be started.
    init() throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", Self.script]
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line.append(data)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            try? input.fileHandleForWriting.close()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the test server said \(text)"])
        }
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The bytes `/bytes?n=count` sends.
    static func pattern(_ count: Int) -> Data {
        Data((0..<count).map { UInt8($0 % 251) })
    }
}

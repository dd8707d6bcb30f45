#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for tests/feeds_cli_test.cc: feeds,
article pages and the faults `assay ingest --feeds` must survive.

    python3 tests/feed_server.py LOG [ROBOTS_STATUS]   # prints its port, then serves

It binds port 0 (the kernel picks a free port), prints the port on the first
line of stdout and appends one line per request to LOG:
"GET /path if-none-match=... if-modified-since=...". ROBOTS_STATUS (default
200) is what /robots.txt answers. It stops on SIGTERM, or by itself after ten
minutes.
"""
import http.server
import signal
import socketserver
import sys
import threading
import time

ARTICLE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>The company did not give a figure for the second half.</p></article></body></html>"""

ARTICLES = {
    "/a1.html": ("Separator restarts line", "A separation plant in Kuantan restarted its second line on Monday, its operator said."),
    "/a2.html": ("Magnet plant signs supply deal", "A magnet maker in Ohio signed a supply agreement with a carmaker, the two companies said."),
    # The text of a1 under another URL (a syndicated copy).
    "/copy-of-a1.html": ("Separator restarts line", "A separation plant in Kuantan restarted its second line on Monday, its operator said."),
    "/private/p.html": ("Closed", "This page is closed to robots."),
}


def rss(items, base):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel><title>Test Wire</title>',
           f"<link>{base}/</link>"]
    for path, (title, _) in items:
        out.append(f"<item><title>{title}</title><link>{base}{path}</link>"
                   "<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate><description>A summary.</description></item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_GET(self):
        inm = self.headers.get("If-None-Match", "")
        ims = self.headers.get("If-Modified-Since", "")
        with open(self.server.log, "a") as f:
            f.write(f"GET {self.path} if-none-match={inm} if-modified-since={ims}\n")
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        p = self.path
        if p == "/robots.txt":
            if self.server.robots_status != 200:
                return self.send(self.server.robots_status, b"robots.txt is not available")
            return self.send(200, b"User-agent: *\nDisallow: /private/\n", [("Content-Type", "text/plain")])
        if p in ("/feed.xml", "/feed-no-etag.xml"):
            order = ["/a1.html", "/a2.html", "/copy-of-a1.html", "/private/p.html"]
            items = [(k, ARTICLES[k]) for k in order]
            if p == "/feed.xml":
                if inm == '"v1"':
                    return self.send(304, None, [("ETag", '"v1"')])
                return self.send(200, rss(items, base), [("Content-Type", "application/rss+xml"), ("ETag", '"v1"'),
                                                        ("Last-Modified", "Tue, 04 Mar 2025 10:00:00 GMT")])
            return self.send(200, rss(items, base), [("Content-Type", "application/rss+xml")])
        if p in ARTICLES:
            title, body = ARTICLES[p]
            return self.send(200, ARTICLE.format(title=title, body=body).encode(), [("Content-Type", "text/html; charset=utf-8")])
        if p == "/not-xml":
            return self.send(200, b"<html><body><p>Our news page, not a feed.</p></body></html>", [("Content-Type", "text/html")])
        if p == "/broken.xml":
            return self.send(200, b"<rss><channel><title>Cut off", [("Content-Type", "application/rss+xml")])
        if p == "/missing.xml":
            return self.send(404, b"not found")
        if p == "/error.xml":
            return self.send(500, b"server error")
        if p == "/slow.xml":
            time.sleep(4)
            return self.send(200, rss([], base))
        if p == "/loop":
            return self.send(302, b"", [("Location", "/loop")])
        if p == "/big-feed.xml":
            return self.send(200, rss([("/big.html", ("A very large page", ""))], base), [("Content-Type", "application/rss+xml")])
        if p == "/big.html":
            # 50 MB without a Content-Length: the client must stop reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"filler words " * 4000 + b"</p>\n"
            sent = 0
            try:
                while sent < 50_000_000:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        return self.send(404, b"no such page")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    server.log = sys.argv[1]
    server.robots_status = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    print(server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    timer = threading.Timer(600, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()

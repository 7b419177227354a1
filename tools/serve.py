#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 for the demo and the end-to-end tests.

Like `python3 -m http.server`, but bound to loopback, with the MIME types the widget needs
(application/wasm for instantiateStreaming, text/javascript for modules) and no caching, so a
rebuilt Wasm is always the one served."""
import argparse
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".css": "text/css",
        ".svg": "image/svg+xml",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if "--quiet" not in sys.argv:
            super().log_message(fmt, *args)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    handler = functools.partial(Handler, directory=a.root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", a.port), handler) as httpd:
        print(f"serving {a.root} on http://127.0.0.1:{a.port}/", flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()

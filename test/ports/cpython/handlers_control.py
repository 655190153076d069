"""The control for handlers.mjs: the request handler classes of CPython's test_httpservers.py
themselves, each served on a free loopback port by CPython's HTTPServer.

Usage: handlers_control.py NAME [DIRECTORY]
"""

import functools
import json
import sys
from http.server import HTTPServer, SimpleHTTPRequestHandler

from test import test_httpservers as suite


class ServedSocketless(suite.SocketlessRequestHandler):
    """SocketlessRequestHandler on a real socket; prints its state when the connection is done."""

    def __init__(self, *args, **kwargs):
        # The suite's __init__ builds a mock request; a served handler gets a real one.
        self.get_called = False
        self.protocol_version = 'HTTP/1.1'
        SimpleHTTPRequestHandler.__init__(self, *args, **kwargs)

    def finish(self):
        super().finish()
        # A request that failed early never set some of these.
        headers = getattr(self, 'headers', None)
        state = {
            'requestline': getattr(self, 'requestline', None),
            'command': getattr(self, 'command', None),
            'path': getattr(self, 'path', None),
            'request_version': getattr(self, 'request_version', None),
            'headers': list(headers.items()) if headers is not None else [],
            'get_called': self.get_called,
        }
        print(json.dumps(state), flush=True)


class ServedRejecting(ServedSocketless):
    handle_expect_100 = suite.RejectingSocketlessRequestHandler.handle_expect_100


class CgiSubDir(suite.CGIHTTPServerTestCase.request_handler):
    cgi_directories = [*suite.CGIHTTPRequestHandler.cgi_directories, '/sub/dir/cgi-bin']


HANDLERS = {
    'base': suite.BaseHTTPServerTestCase.request_handler,
    'logging': suite.RequestHandlerLoggingTestCase.request_handler,
    'socketless': ServedSocketless,
    'rejecting-socketless': ServedRejecting,
    'cgi-sub-dir': CgiSubDir,
}


def main():
    name = sys.argv[1]
    directory = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
    handler = HANDLERS[name]
    if directory:
        handler = functools.partial(handler, directory=directory)
    server = HTTPServer(('127.0.0.1', 0), handler)
    print(f'Serving HTTP on 127.0.0.1 port {server.server_port}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()

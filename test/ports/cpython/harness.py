"""Runs CPython's own test_httpservers or test_wsgiref against an HTTP server in another process.

Only the server setup is replaced; every test method and assertion is CPython's:

  * test_httpservers: the suite's TestServerThread starts a server process instead of a thread: the
    `http.server` command line over the directory the test prepared (os.getcwd() at the end of its
    setUp, which is what the in-process server would serve), or, for the test's own handler
    classes, a server built from them (handlers.mjs: JS translations on our port's library;
    handlers_control.py: CPython's classes themselves). The socketless handler tests send their
    bytes over TCP and half-close, as reading an in-memory file to its end does.
  * test_wsgiref: run_amock() sends its bytes to a real server over TCP and half-closes: a server
    process running the JS translation of the test's application (wsgi_apps.mjs) for the port, or
    CPython's own wsgiref.simple_server on a socket for the control.

Usage: harness.py --suite test_httpservers|test_wsgiref --target port|cpython --out results.json
       [--skip ID ...] [--node PATH]
Writes {"python": ..., "results": {ID: {"outcome": ..., "detail": ...}}} with ID like
"test_httpservers.SimpleHTTPServerTestCase.test_get" and outcome passed, failed, error, skipped,
or not-applicable (an --skip ID: listed, never run).
"""

import argparse
import contextlib
import importlib
import inspect
import io
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
HTTP_SERVER_CLI = os.path.join(ROOT, 'snippets', '_shared', 'http-server.mjs')
BANNER = re.compile(rb'port (\d+)')


class ServerProcess:
    """A server started as a child process; its port comes from its banner line."""

    def __init__(self, argv, cwd=None, timeout=20):
        self.argv = argv
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._stderr = bytearray()
        self._stderr_changed = time.monotonic()
        self._lock = threading.Lock()
        self._lines = queue.Queue()
        self._pumps = [threading.Thread(target=self._pump_stdout, daemon=True),
                       threading.Thread(target=self._pump_stderr, daemon=True)]
        for pump in self._pumps:
            pump.start()
        try:
            banner = self._lines.get(timeout=timeout)
        except queue.Empty:
            banner = b''
        match = BANNER.search(banner or b'')
        if not match:
            self.stop()
            raise RuntimeError(f'{argv}: no banner, stderr: {self.stderr_text()}')
        self.port = int(match.group(1))

    def _pump_stdout(self):
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _pump_stderr(self):
        while True:
            chunk = self.proc.stderr.read1(65536)
            if not chunk:
                return
            with self._lock:
                self._stderr += chunk
                self._stderr_changed = time.monotonic()

    def next_line(self, timeout=10):
        """The next line the server printed after its banner (handler state reports)."""
        line = self._lines.get(timeout=timeout)
        if line is None:
            raise RuntimeError(f'{self.argv}: exited, stderr: {self.stderr_text()}')
        return line

    def stderr_text(self, start=0):
        with self._lock:
            return bytes(self._stderr[start:]).decode('utf-8', 'replace')

    def stderr_length(self):
        with self._lock:
            return len(self._stderr)

    def wait_quiet(self, quiet=0.15, limit=3.0):
        """Waits until the server has written nothing to stderr for `quiet` seconds from now (what
        it wrote before answering may still be in the pipe when the answer arrives)."""
        called = time.monotonic()
        deadline = called + limit
        while time.monotonic() < deadline:
            with self._lock:
                idle = time.monotonic() - max(self._stderr_changed, called)
            if idle >= quiet:
                return
            time.sleep(quiet - idle)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pump in self._pumps:
            pump.join(2)
        self.proc.stdout.close()
        self.proc.stderr.close()


def exchange(port, data, timeout=10):
    """Sends `data`, half-closes (as reaching the end of an in-memory request does), reads to EOF."""
    with socket.create_connection(('127.0.0.1', port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b''.join(chunks)
            chunks.append(chunk)


class HttpServersAdapter:
    """Replaces the server setup of test_httpservers."""

    def __init__(self, suite, target, node):
        self.suite = suite
        self.target = target
        self.node = node
        self.active = None  # the current test's server, for captured_stderr
        self.shared = {}  # fixture name -> ServerProcess, for the socketless handler tests

    def command(self, fixture=None, cli_args=(), directory=None):
        if self.target == 'port':
            if fixture:
                return [self.node, os.path.join(HERE, 'handlers.mjs'), fixture, directory or '']
            return [self.node, HTTP_SERVER_CLI, '0', '-b', '127.0.0.1', *cli_args]
        if fixture:
            return [sys.executable, '-u', os.path.join(HERE, 'handlers_control.py'), fixture,
                    directory or '']
        return [sys.executable, '-u', '-m', 'http.server', '-b', '127.0.0.1', *cli_args, '0']

    def install(self):
        adapter = self
        suite = self.suite
        fixtures = {
            suite.BaseHTTPServerTestCase.request_handler: 'base',
            suite.RequestHandlerLoggingTestCase.request_handler: 'logging',
        }
        serves_directory = {
            suite.SimpleHTTPServerTestCase.request_handler: (),
            suite.CGIHTTPServerTestCase.request_handler: ('--cgi',),
        }

        class OutOfProcessServer:
            """Stands in for TestServerThread: same constructor, start() and stop()."""

            def __init__(self, test_object, request_handler):
                self.test_object = test_object
                self.request_handler = request_handler
                self.server = None

            def start(self):
                if self.request_handler in fixtures:
                    self.launch(adapter.command(fixture=fixtures[self.request_handler]))
                else:
                    # The test prepares its directory after this; setUp's end launches the server.
                    self.test_object.server_started.set()

            def launch_over(self, directory):
                test = self.test_object
                if test._testMethodName == 'test_cgi_path_in_sub_directories':
                    # The test adds /sub/dir/cgi-bin to the handler class in this process; the
                    # fixture's handler class has it from the start.
                    argv = adapter.command(fixture='cgi-sub-dir', directory=directory)
                else:
                    args = serves_directory[self.request_handler]
                    argv = adapter.command(cli_args=[*args, '-d', directory])
                self.launch(argv)

            def launch(self, argv):
                self.server = ServerProcess(argv)
                adapter.active = self.server
                self.test_object.HOST, self.test_object.PORT = '127.0.0.1', self.server.port
                self.test_object.server_started.set()

            def stop(self):
                if self.server:
                    self.server.stop()
                adapter.active = None

        suite.TestServerThread = OutOfProcessServer

        for cls in (suite.SimpleHTTPServerTestCase, suite.CGIHTTPServerTestCase):
            def setUp(test, original=cls.setUp):
                original(test)
                test.thread.launch_over(os.getcwd())
            cls.setUp = setUp

        # The logging tests read what the server wrote to stderr while the request ran.
        captured = suite.support.captured_stderr

        @contextlib.contextmanager
        def captured_stderr_with_server():
            with captured() as err:
                server = adapter.active
                start = server.stderr_length() if server else 0
                yield err
                if server:
                    server.wait_quiet()
                    err.write(server.stderr_text(start))

        suite.support.captured_stderr = captured_stderr_with_server

        class RemoteSocketlessHandler:
            """Stands in for SocketlessRequestHandler: handle_one_request() goes over TCP to a
            server of the same handler class, which reports the handler's state afterwards."""

            fixture = 'socketless'

            def __init__(self, directory=None):
                self.get_called = False
                self.protocol_version = 'HTTP/1.1'

            def handle_one_request(self):
                server = adapter.shared_server(self.fixture)
                self.wfile.write(exchange(server.port, self.rfile.read()))
                state = json.loads(server.next_line())
                self.requestline = state['requestline']
                self.command = state['command']
                self.path = state['path']
                self.request_version = state['request_version']
                self.get_called = state['get_called']
                self.headers = ReportedHeaders(state['headers'])

        class RemoteRejectingHandler(RemoteSocketlessHandler):
            fixture = 'rejecting-socketless'

        suite.SocketlessRequestHandler = RemoteSocketlessHandler
        suite.RejectingSocketlessRequestHandler = RemoteRejectingHandler

    def shared_server(self, fixture):
        if fixture not in self.shared:
            self.shared[fixture] = ServerProcess(self.command(fixture=fixture))
        return self.shared[fixture]

    def close(self):
        for server in self.shared.values():
            server.stop()


class ReportedHeaders:
    def __init__(self, items):
        self._items = [tuple(item) for item in items]

    def items(self):
        return self._items


def current_test_name():
    for frame in inspect.stack():
        test = frame.frame.f_locals.get('self')
        if isinstance(test, unittest.TestCase):
            return test._testMethodName
    return None


def describe_app(app):
    """Names a test application for the JS side: its qualified name, the strings it closes over,
    and, for validator(app), the application it wraps."""
    spec = {'name': app.__qualname__, 'free': {}}
    for name, cell in zip(app.__code__.co_freevars, app.__closure__ or ()):
        value = cell.cell_contents
        if callable(value) and hasattr(value, '__code__'):
            spec['wraps'] = describe_app(value)
        elif isinstance(value, str):
            spec['free'][name] = value
    return spec


class WsgirefAdapter:
    """Replaces run_amock() in test_wsgiref with a request over TCP to a real server."""

    def __init__(self, suite, target, node):
        self.suite = suite
        self.target = target
        self.node = node

    def install(self):
        defaults = inspect.signature(self.suite.run_amock).parameters
        hello, request = defaults['app'].default, defaults['data'].default
        run = self.run_port if self.target == 'port' else self.run_cpython

        def run_amock(app=hello, data=request):
            return run(app, data)

        self.suite.run_amock = run_amock

    def run_port(self, app, data):
        spec = json.dumps(describe_app(app))
        server = ServerProcess([self.node, os.path.join(HERE, 'wsgi_apps.mjs'), spec])
        try:
            start = server.stderr_length()
            out = exchange(server.port, data)
            server.wait_quiet()
            return out, server.stderr_text(start)
        finally:
            server.stop()

    def run_cpython(self, app, data):
        from wsgiref.simple_server import make_server
        server = make_server('127.0.0.1', 0, app)
        olderr = sys.stderr
        err = sys.stderr = io.StringIO()
        try:
            handler = threading.Thread(target=server.handle_request)
            handler.start()
            out = exchange(server.server_port, data)
            handler.join(10)
        finally:
            sys.stderr = olderr
            server.server_close()
        return out, err.getvalue()

    def close(self):
        pass


class Recorder(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcomes = {}

    def _set(self, test, outcome, detail=''):
        key = test_key(test)
        # A failing subtest fails its test; a later success must not hide it.
        if self.outcomes.get(key, {}).get('outcome') in ('failed', 'error'):
            return
        self.outcomes[key] = {'outcome': outcome, 'detail': detail[-1500:]}

    def addSuccess(self, test):
        self.outcomes.setdefault(test_key(test), {'outcome': 'passed', 'detail': ''})

    def addFailure(self, test, err):
        self._set(test, 'failed', self._exc_info_to_string(err, test))

    def addError(self, test, err):
        self._set(test, 'error', self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        self._set(test, 'skipped', reason)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            self._set(test, 'failed' if failed else 'error',
                      f'{subtest}: ' + self._exc_info_to_string(err, test))

    def addExpectedFailure(self, test, err):
        self._set(test, 'passed')

    def addUnexpectedSuccess(self, test):
        self._set(test, 'failed', 'unexpected success')


def test_key(test):
    # test.test_httpservers.SimpleHTTPServerTestCase.test_get -> test_httpservers.Simple....test_get
    return test.id().removeprefix('test.')


def flatten(tests):
    for test in tests:
        if isinstance(test, unittest.TestSuite):
            yield from flatten(test)
        else:
            yield test


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--suite', required=True, choices=['test_httpservers', 'test_wsgiref'])
    parser.add_argument('--target', required=True, choices=['port', 'cpython'])
    parser.add_argument('--out', required=True)
    parser.add_argument('--skip', nargs='*', default=[])
    parser.add_argument('--node', default='node')
    args = parser.parse_args()

    suite = importlib.import_module(f'test.{args.suite}')
    adapters = {'test_httpservers': HttpServersAdapter, 'test_wsgiref': WsgirefAdapter}
    adapter = adapters[args.suite](suite, args.target, args.node)
    adapter.install()

    tests = list(flatten(unittest.defaultTestLoader.loadTestsFromModule(suite)))
    skip = set(args.skip)
    recorder = Recorder()
    for test in tests:
        if test_key(test) in skip:
            recorder.outcomes[test_key(test)] = {'outcome': 'not-applicable', 'detail': ''}
    runnable = unittest.TestSuite(t for t in tests if test_key(t) not in skip)
    try:
        runnable.run(recorder)
    except Exception:
        recorder.outcomes['<harness>'] = {'outcome': 'error', 'detail': traceback.format_exc()}
    finally:
        adapter.close()
    with open(args.out, 'w', encoding='utf-8') as out:
        json.dump({'python': sys.version, 'executable': sys.executable,
                   'results': recorder.outcomes}, out, indent=1)


if __name__ == '__main__':
    main()

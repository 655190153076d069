// The request handler classes of CPython's test_httpservers.py, translated line by line to our port's
// library, each served on a free loopback port: `node handlers.mjs NAME [DIRECTORY]`.
// harness.py starts one per test that needs the test's own handler (NAME is the key of HANDLERS).
import {
	BaseHTTPRequestHandler,
	CGIHTTPRequestHandler,
	HTTPServer,
	SimpleHTTPRequestHandler,
} from '../../../snippets/_shared/http-server.mjs';

/** NoLogRequestHandler: the suite's handlers do not log. */
const noLog = (Base) =>
	class extends Base {
		logMessage() {}
	};

/** BaseHTTPServerTestCase.request_handler */
class BaseTestHandler extends noLog(BaseHTTPRequestHandler) {
	protocolVersion = 'HTTP/1.1';
	defaultRequestVersion = 'HTTP/1.1';

	doTEST() {
		this.sendResponse(204);
		this.sendHeader('Content-Type', 'text/html');
		this.sendHeader('Connection', 'close');
		this.endHeaders();
	}

	doKEEP() {
		this.sendResponse(204);
		this.sendHeader('Content-Type', 'text/html');
		this.sendHeader('Connection', 'keep-alive');
		this.endHeaders();
	}

	doKEYERROR() {
		this.sendError(999);
	}

	doNOTFOUND() {
		this.sendError(404);
	}

	doEXPLAINERROR() {
		this.sendError(999, 'Short Message', 'This is a long \n explanation');
	}

	doCUSTOM() {
		this.sendResponse(999);
		this.sendHeader('Content-Type', 'text/html');
		this.sendHeader('Connection', 'close');
		this.endHeaders();
	}

	doLATINONEHEADER() {
		this.sendResponse(999);
		this.sendHeader('X-Special', 'Dängerous Mind');
		this.sendHeader('Connection', 'close');
		this.endHeaders();
		this.wfile.write(Buffer.from(this.headers.get('x-special-incoming'), 'utf8'));
	}

	doSEND_ERROR() {
		this.sendError(Number(this.path.slice(1)));
	}

	doHEAD() {
		this.sendError(Number(this.path.slice(1)));
	}
}

/** RequestHandlerLoggingTestCase.request_handler (it logs). */
class LoggingTestHandler extends BaseHTTPRequestHandler {
	protocolVersion = 'HTTP/1.1';
	defaultRequestVersion = 'HTTP/1.1';

	doGET() {
		this.sendResponse(200);
		this.endHeaders();
	}

	doERROR() {
		this.sendError(404, 'File not found');
	}
}

/**
 * SocketlessRequestHandler. The suite reads the handler's state after handle_one_request(); served
 * over a socket, the handler prints that state as one JSON line when the connection is done.
 */
class SocketlessHandler extends SimpleHTTPRequestHandler {
	protocolVersion = 'HTTP/1.1';
	getCalled = false;

	doGET() {
		this.getCalled = true;
		this.sendResponse(200);
		this.sendHeader('Content-Type', 'text/html');
		this.endHeaders();
		this.wfile.write(Buffer.from('<html><body>Data</body></html>\r\n'));
	}

	logMessage() {}

	async handle() {
		await super.handle();
		const state = {
			requestline: this.requestline,
			command: this.command,
			path: this.path,
			request_version: this.requestVersion,
			headers: this.headers.items(),
			get_called: this.getCalled,
		};
		process.stdout.write(`${JSON.stringify(state)}\n`);
	}
}

/** RejectingSocketlessRequestHandler */
class RejectingSocketlessHandler extends SocketlessHandler {
	handleExpect100() {
		this.sendError(417);
		return false;
	}
}

/** CGIHTTPServerTestCase.request_handler after test_cgi_path_in_sub_directories added its folder. */
class CgiSubDirHandler extends noLog(CGIHTTPRequestHandler) {
	cgiDirectories = ['/cgi-bin', '/htbin', '/sub/dir/cgi-bin'];
}

const HANDLERS = {
	base: BaseTestHandler,
	logging: LoggingTestHandler,
	socketless: SocketlessHandler,
	'rejecting-socketless': RejectingSocketlessHandler,
	'cgi-sub-dir': CgiSubDirHandler,
};

const [name = '', directory = ''] = process.argv.slice(2);
const Handler = HANDLERS[name];
if (!Handler) {
	process.stderr.write(`handlers.mjs: unknown handler ${JSON.stringify(name)}\n`);
	process.exit(2);
}
const server = new HTTPServer(['127.0.0.1', 0], Handler, directory ? { directory } : {});
await server.ready;
process.stdout.write(`Serving HTTP on 127.0.0.1 port ${server.serverPort}\n`);
await server.serveForever();

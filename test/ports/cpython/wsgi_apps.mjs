// The WSGI applications of CPython's test_wsgiref.py, translated to our wsgiref port and served by its
// makeServer: `node wsgi_apps.mjs SPEC`. SPEC is JSON from harness.py's describe_app(): the
// application's qualified name in the test module, the strings it closes over (`free`), and for
// validator(app) the application it wraps (`wraps`).
import { makeServer, validator } from '../../../snippets/_shared/wsgiref.mjs';

const text = (value) => Buffer.from(value, 'latin1');

/** Each factory gets the SPEC and returns the application. */
const APPS = {
	hello_app: () => (environ, startResponse) => {
		startResponse('200 OK', [
			['Content-Type', 'text/plain'],
			['Date', 'Mon, 05 Jun 2006 18:49:54 GMT'],
		]);
		return [text('Hello, world!')];
	},

	header_app: () => (environ, startResponse) => {
		startResponse('200 OK', [
			['Content-Type', 'text/plain'],
			['Date', 'Mon, 05 Jun 2006 18:49:54 GMT'],
		]);
		return [text([environ.HTTP_X_TEST_HEADER, environ.QUERY_STRING, environ.PATH_INFO].join(';'))];
	},

	'validator.<locals>.lint_app': (spec) => validator(build(spec.wraps)),

	// Headers that are not a list: Python passes a tuple, the nearest JS value is a plain object.
	'IntegrationTests.test_simple_validation_error.<locals>.bad_app':
		() => (environ, startResponse) => {
			startResponse('200 OK', { 'Content-Type': 'text/plain' });
			return ['Hello, world!'];
		},

	'IntegrationTests.test_status_validation_errors.<locals>.create_bad_app.<locals>.bad_app':
		(spec) => (environ, startResponse) => {
			startResponse(spec.free.status, [['Content-Type', 'text/plain; charset=utf-8']]);
			return [text('Hello, world!')];
		},

	'IntegrationTests.test_wsgi_input.<locals>.bad_app': () => async (environ, startResponse) => {
		await environ['wsgi.input'].read();
		startResponse('200 OK', [['Content-Type', 'text/plain; charset=utf-8']]);
		return [text('data')];
	},

	'IntegrationTests.test_bytes_validation.<locals>.app': () => (environ, startResponse) => {
		startResponse('200 OK', [
			['Content-Type', 'text/plain; charset=utf-8'],
			['Date', 'Wed, 24 Dec 2008 13:29:32 GMT'],
		]);
		return [text('data')];
	},

	// PEP 3333: environ values are latin-1 "native strings"; encoding as latin-1 gives the bytes back.
	'IntegrationTests.test_cp1252_url.<locals>.app': () => (environ, startResponse) => {
		startResponse('200 OK', [
			['Content-Type', 'text/plain'],
			['Date', 'Wed, 24 Dec 2008 13:29:32 GMT'],
		]);
		return [text(environ.PATH_INFO)];
	},
};

function build(spec) {
	const factory = APPS[spec.name];
	if (!factory) throw new Error(`wsgi_apps.mjs: no translation of ${spec.name}`);
	return factory(spec);
}

const httpd = makeServer('127.0.0.1', 0, build(JSON.parse(process.argv[2] ?? '{}')));
await httpd.ready;
process.stdout.write(`Serving HTTP on 127.0.0.1 port ${httpd.serverPort}\n`);
await httpd.serveForever();

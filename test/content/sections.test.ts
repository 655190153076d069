// Every one of the lecture's 25 sections (../shared/lecture/README.md) is covered: each maps to the
// page and the heading that teaches it, and the test fails when a page or heading goes missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** [section number, lecture title, page under src/content/docs, heading on that page] */
export const sections: Array<[number, string, string, string]> = [
	[1, '웹 프로그래밍의 이해', '01-web/01-clients-and-messages.mdx', '## 웹 프로그래밍이란'],
	[2, '다양한 웹 클라이언트', '01-web/01-clients-and-messages.mdx', '## 다양한 웹 클라이언트'],
	[3, 'HTTP 메시지의 구조', '01-web/01-clients-and-messages.mdx', '## HTTP 메시지의 구조'],
	[4, 'HTTP 처리 방식', '01-web/02-methods.mdx', '## HTTP 처리 방식: 메서드'],
	[5, '상태 코드', '01-web/03-status-codes.mdx', '## 상태 코드'],
	[6, 'URL 구성 항목', '01-web/04-urls.mdx', '## URL 구성 항목'],
	[7, '간편 URL', '01-web/05-clean-urls-and-routing.mdx', '## 간편 URL'],
	[8, 'URL 패턴', '01-web/05-clean-urls-and-routing.mdx', '## URL 패턴'],
	[
		9,
		'웹 서버와 웹 애플리케이션 서버',
		'01-web/06-web-and-app-servers.mdx',
		'## 웹 서버와 웹 애플리케이션 서버',
	],
	[
		10,
		'정적 페이지와 동적 페이지',
		'01-web/06-web-and-app-servers.mdx',
		'## 정적 페이지와 동적 페이지',
	],
	[11, 'CGI 방식', '01-web/07-cgi-and-alternatives.mdx', '## CGI 방식: 요청마다 새 프로세스'],
	[
		12,
		'CGI의 대안',
		'01-web/07-cgi-and-alternatives.mdx',
		'## CGI의 대안: 웹 서버에 내장된 스크립트 엔진',
	],
	[13, '애플리케이션 서버 방식', '01-web/07-cgi-and-alternatives.mdx', '## 애플리케이션 서버 방식'],
	[
		14,
		'파이썬 웹 라이브러리 구성',
		'01-web/08-python-web-libraries.mdx',
		'## 파이썬 웹 라이브러리 구성',
	],
	[15, 'urllib.parse', '02-client/01-urllib-parse.mdx', '## urllib.parse 모듈'],
	[16, 'urllib.request.urlopen', '02-client/02-urlopen.mdx', '## urllib.request.urlopen()'],
	[17, 'http.client', '02-client/03-http-client.mdx', '## http.client 모듈'],
	[
		18,
		'간단한 웹 서버',
		'03-server/01-base-http-server.mdx',
		'## 간단한 웹 서버: HTTPServer와 BaseHTTPRequestHandler',
	],
	[
		19,
		'SimpleHTTPRequestHandler',
		'03-server/02-simple-http-server.mdx',
		'## SimpleHTTPRequestHandler',
	],
	[20, 'CGIHTTPRequestHandler', '03-server/03-cgi-http-server.mdx', '## CGIHTTPRequestHandler'],
	[21, 'CGI', '04-cgi-wsgi/01-cgi.mdx', '## CGI: 웹 서버와 프로그램 사이의 약속'],
	[22, 'WSGI 개요', '04-cgi-wsgi/02-wsgi.mdx', '## WSGI 개요'],
	[23, 'WSGI 애플리케이션 처리 과정', '04-cgi-wsgi/02-wsgi.mdx', '## WSGI 애플리케이션 처리 과정'],
	[24, 'wsgiref.simple_server', '04-cgi-wsgi/03-wsgiref.mdx', '## wsgiref.simple_server 모듈'],
	[25, '정리', '05-summary/01-summary.mdx', '## 정리'],
];

const docs = join(process.cwd(), 'src', 'content', 'docs');

describe('the lecture sections', () => {
	test('the list covers sections 1 to 25 in order, once each', () => {
		expect(sections.map(([n]) => n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
	});

	test.each(sections)('section %i (%s) is taught on %s under "%s"', (_n, _title, page, heading) => {
		const file = join(docs, page);
		expect(existsSync(file), `${page} exists`).toBe(true);
		const lines = readFileSync(file, 'utf8').split('\n');
		expect(lines).toContain(heading);
	});

	test('every chapter opens with what the reader will be able to do and closes with a three-line summary', () => {
		const chapters = [
			...new Set([...sections.map(([, , page]) => page), '01-web/00-reading-node-code.mdx']),
		];
		const problems = chapters.flatMap((page) => {
			const text = readFileSync(join(docs, page), 'utf8');
			const out: string[] = [];
			const firstHeading = text.search(/^## /m);
			const opening = text.indexOf('이 장을 마치면');
			if (opening < 0 || opening > firstHeading) {
				out.push(`${page}: no "이 장을 마치면 …" before the first heading`);
			}
			const summary = text.split(/^## 세 줄 요약$/m);
			if (summary.length !== 2) out.push(`${page}: no "## 세 줄 요약" section`);
			else {
				const rest = summary[1] ?? '';
				if (/^## /m.test(rest)) out.push(`${page}: "## 세 줄 요약" is not the last section`);
				const items = rest.split('\n').filter((line) => line.startsWith('- '));
				if (items.length !== 3) out.push(`${page}: the summary has ${items.length} lines, not 3`);
			}
			return out;
		});
		expect(problems).toEqual([]);
	});

	test('every chapter page ends with things to try', () => {
		const pages = [...new Set(sections.map(([, , page]) => page))];
		const missing = pages.filter(
			(page) => !readFileSync(join(docs, page), 'utf8').includes('## 직접 해 보기'),
		);
		expect(missing).toEqual([]);
	});
});

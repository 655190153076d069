// The table of deliberate differences and the comparison tests must not drift apart:
// every row is checked by at least one test (through difference('id'), or by the CPython suites for
// the tests it names), and every id a test cites exists.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { difference, portDifferences } from '../../src/lib/ports/differences';
import { PROJECT_ROOT } from './servers';

const TEST_DIR = path.join(PROJECT_ROOT, 'test/ports');
const testSources = fs
	.readdirSync(TEST_DIR)
	.filter((name) => name.endsWith('.test.ts') && name !== 'differences.test.ts')
	.map((name) => fs.readFileSync(path.join(TEST_DIR, name), 'utf8'));
const cited = new Set(
	testSources.flatMap((source) =>
		[...source.matchAll(/difference\('([^']+)'\)/g)].map((m) => m[1] ?? ''),
	),
);

describe('portDifferences', () => {
	it('has unique kebab-case ids and a known area', () => {
		const ids = portDifferences.map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const entry of portDifferences) {
			expect(entry.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
			expect(['http.server', 'cgi', 'wsgiref']).toContain(entry.area);
		}
	});

	it('is written in Korean', () => {
		for (const entry of portDifferences) {
			for (const field of [entry.topic, entry.python, entry.ours, entry.why]) {
				expect(field, entry.id).toMatch(/[가-힣]/);
			}
		}
	});

	it.each(portDifferences.map((entry) => entry.id))('%s is checked by a comparison test', (id) => {
		// A row that names CPython tests is checked by cpython-suites.test.ts: they must fail on our port.
		const namesCpythonTests = (difference(id).cpythonTests?.length ?? 0) > 0;
		expect(cited.has(id) || namesCpythonTests).toBe(true);
	});

	it('names CPython tests as suite.Class.method, each at most once', () => {
		const named = portDifferences.flatMap((entry) => entry.cpythonTests ?? []);
		expect(new Set(named).size).toBe(named.length);
		for (const test of named) expect(test).toMatch(/^test_(httpservers|wsgiref)\.\w+\.test\w+$/i);
	});

	it('every id cited by a test is in the table', () => {
		for (const id of cited) expect(() => difference(id)).not.toThrow();
		expect(() => difference('no-such-difference')).toThrow(/No port difference/);
	});
});

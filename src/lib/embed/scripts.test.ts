import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const size = (file: string) => gzipSync(readFileSync(new URL(file, import.meta.url))).length;

describe('embed scripts', () => {
	it('keep within their budgets (gzip): the host script 2 KB, the frame script 1 KB', () => {
		expect(size('./host-script.js')).toBeLessThan(2048);
		expect(size('./frame-script.js')).toBeLessThan(1024);
	});
});

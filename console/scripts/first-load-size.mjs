// The script a browser downloads to show the console's first page: every <script src> and modulepreload of
// dist/index.html, gzip -9 as a server or CloudFront would send it. Fails over the 250 KB budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const BUDGET = 250 * 1024;
const dist = resolve(import.meta.dirname, '../dist');
const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/console\/([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1)} KB  ${file}`);
}
console.log(`first load: ${(total / 1024).toFixed(1)} KB of compressed script (budget ${BUDGET / 1024} KB)`);
if (files.length === 0 || total > BUDGET) process.exit(1);

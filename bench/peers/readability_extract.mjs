// Runs Readability.js (with the linkedom DOM) over every *.html file of a
// directory, in memory, and prints one JSON line: pages, seconds spent in
// parsing + extraction (file reading and Node start-up excluded), failures.
// With --dump DIR, also writes each page's textContent to DIR/<name>.txt.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const dir = process.argv[2];
const dumpAt = process.argv.indexOf('--dump');
const dump = dumpAt > 0 ? process.argv[dumpAt + 1] : null;
const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = files.map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
const texts = new Array(pages.length).fill('');
let failed = 0;
const t0 = process.hrtime.bigint();
pages.forEach((html, i) => {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    texts[i] = article?.textContent ?? '';
  } catch {
    failed += 1;
  }
});
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
if (dump) files.forEach((f, i) => writeFileSync(`${dump}/${f.replace(/\.html$/, '')}.txt`, texts[i]));
console.log(JSON.stringify({ pages: pages.length, seconds, failed }));

// Opens HTML pages in headless Chromium (the system browser, driven by
// playwright-core) at a desktop and a phone width, and fails when a page
//   - logs a console error, throws, or makes any network request;
//   - is wider than the screen (the page scrolls sideways);
//   - has an element whose text overflows its box (scrollWidth > clientWidth,
//     outside boxes meant to scroll);
//   - has SVG text outside its SVG's viewBox, SVG labels that overlap, or a
//     label cut short with an ellipsis (checked with every <details> open).
// Screenshots go to OUT_DIR/NAME-WIDTH.png.
//
//   node check_pages.mjs OUT_DIR NAME=PAGE.html [NAME=PAGE.html ...]
//
// Environment: CHROMIUM (default /usr/bin/chromium), WIDTHS (default "1280,390").
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outDir, ...specs] = process.argv.slice(2);
if (!outDir || specs.length === 0) {
  console.error('usage: node check_pages.mjs OUT_DIR NAME=PAGE.html ...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const widths = (process.env.WIDTHS || '1280,390').split(',').map(Number);
const pages = specs.map((s) => {
  const i = s.indexOf('=');
  return { name: s.slice(0, i), file: resolve(s.slice(i + 1)) };
});

// Runs inside the page: every layout problem as a string.
function findProblems() {
  const problems = [];
  const describe = (el) => {
    let d = el.tagName.toLowerCase();
    if (el.id) d += '#' + el.id;
    if (el.classList && el.classList.length) d += '.' + [...el.classList].join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
    return `${d} "${text.slice(0, 60)}"`;
  };
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1)
    problems.push(`page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
  const scrolls = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  // HTML elements that hold text directly.
  for (const el of document.body.querySelectorAll('*')) {
    if (el instanceof SVGElement) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    if (!ownText || el.clientWidth === 0) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
    if (el.scrollWidth > el.clientWidth + 1)
      problems.push(`text overflows its box (${el.scrollWidth} > ${el.clientWidth}px): ${describe(el)}`);
    const r = el.getBoundingClientRect();
    if (!scrolls(el) && r.right > doc.clientWidth + 1)
      problems.push(`text runs past the page's right edge (${Math.round(r.right)} > ${doc.clientWidth}px): ${describe(el)}`);
  }
  // SVG charts: text inside the viewBox, no overlapping labels, no ellipsis.
  for (const svg of document.querySelectorAll('svg')) {
    const vb = svg.viewBox && svg.viewBox.baseVal;
    if (!vb || vb.width === 0) {
      problems.push(`svg without a viewBox: ${describe(svg)}`);
      continue;
    }
    if (svg.getAttribute('width') && !svg.getAttribute('width').endsWith('%'))
      problems.push(`svg with a fixed width ${svg.getAttribute('width')}: ${describe(svg)}`);
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (t.textContent.includes('\u2026') || t.textContent.endsWith('...'))
        problems.push(`svg label cut short: ${describe(t)}`);
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
        problems.push(`svg text outside the viewBox (${vb.width}x${vb.height}) at x ${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)}, y ${b.y.toFixed(1)}..${(b.y + b.height).toFixed(1)}: ${describe(t)}`);
      boxes.push({ b, t });
    }
    for (let i = 0; i < boxes.length; ++i)
      for (let j = i + 1; j < boxes.length; ++j) {
        const a = boxes[i].b, c = boxes[j].b;
        const ox = Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x);
        const oy = Math.min(a.y + a.height, c.y + c.height) - Math.max(a.y, c.y);
        if (ox > 1 && oy > 1) problems.push(`svg labels overlap: ${describe(boxes[i].t)} and ${describe(boxes[j].t)}`);
      }
    const r = svg.getBoundingClientRect();
    if (!scrolls(svg) && r.right > doc.clientWidth + 1) problems.push(`svg runs past the page's right edge: ${describe(svg)}`);
  }
  return problems;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  timeout: 180000,
});
// A loaded machine (the sanitizer build's tests run beside this one) can make
// a full-page screenshot of a long page take longer than Playwright's 30 s
// default; a timeout here would be the machine, not the page.
const kStepTimeout = 180000;
let failures = 0;
try {
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    for (const p of pages) {
      const page = await context.newPage();
      page.setDefaultTimeout(kStepTimeout);
      page.setDefaultNavigationTimeout(kStepTimeout);
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
      });
      const response = await page.goto(pathToFileURL(p.file).href, { waitUntil: 'load' });
      if (!response || !response.ok()) problems.push(`could not open ${p.file}`);
      // The screenshot shows the page as a reader first sees it; the checks
      // then run with every <details> open, so folded content is checked too.
      const shot = resolve(outDir, `${p.name}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      problems.push(...(await page.evaluate(findProblems)));
      if (problems.length) {
        failures += problems.length;
        console.log(`FAIL ${p.name} at ${width}px (${shot}):`);
        for (const x of problems) console.log(`  ${x}`);
      } else {
        console.log(`ok   ${p.name} at ${width}px (${shot})`);
      }
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
if (failures) {
  console.log(`${failures} problem(s)`);
  process.exit(1);
}

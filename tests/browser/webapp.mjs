// The web app's browser test (ctest: webapp_test). Starts `assay serve` on a
// free loopback port (--listen 127.0.0.1:0; the port it prints) with a fresh
// store, stores the articles of tests/data/stories/cli/news.jsonl (three
// stories, one with an origin, echoes and an independent confirmation), then
// in headless Chromium (the system browser, playwright-core) at 1280 and
// 390 px:
//   - article view: pastes an article, sees spans highlighted in the colours
//     of data/labels.tsv, the legend and the critique, hovers and tabs to a
//     span and sees its cue and the claim's verdict; opens a stored article
//     by its permalink /a/{key};
//   - story view: opens the list, follows a story, sees the timeline with
//     origin / echo / independent badges and fidelity; opens /s/{id} directly;
//   - supply view: sees the stage bars and the mines-to-magnets Sankey (one
//     Tab stop; a block's tonnes on focus, the arrow keys to the next, a
//     band's on hover); picks a scenario and changes its parameter and sees
//     the Sankey redrawn and the key figures' signed changes, then a quarter
//     and its figures; runs 200 Monte
//     Carlo draws and sees the histograms; starts 20,000 and cancels them (the
//     job ends cancelled on the server);
// and fails on a console error (a CSP violation is one), an uncaught
// exception, a request to another origin, a page wider than the window, or
// an axe-core violation of serious or critical impact. Screenshots:
// OUT_DIR/screenshots/webapp/VIEW-WIDTH.png. Stops the server with SIGTERM and expects
// a clean exit.
//
//   node webapp.mjs ASSAY_BIN SOURCE_DIR OUT_DIR
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [assay, src, outDir] = process.argv.slice(2);
if (!assay || !src || !outDir) {
  console.error('usage: node webapp.mjs ASSAY_BIN SOURCE_DIR OUT_DIR');
  process.exit(2);
}
const shots = join(outDir, 'screenshots', 'webapp');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const kStep = 180000; // a loaded machine (the sanitizer build beside this one) is slow, not wrong
const token = 'webapp-test-token-0123456789';
const work = mkdtempSync(join(tmpdir(), 'assay-webapp-'));
writeFileSync(join(work, 'token'), token + '\n');

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`FAIL ${what}`);
};
const check = (ok, what) => (ok ? console.log(`ok   ${what}`) : fail(what));

// The server, and the port it prints on its first line.
const server = spawn(assay, ['serve', '--db', join(work, 'store.db'), '--listen', '127.0.0.1:0', '--token-file', join(work, 'token')], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stderr = '';
server.stderr.on('data', (d) => (stderr += d));
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
const port = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`serve printed no port in 120 s: ${stderr}`)), 120000);
  server.stdout.on('data', (d) => {
    out += d;
    const line = out.split('\n')[0];
    if (out.includes('\n')) {
      clearTimeout(timer);
      if (/^\d+$/.test(line.trim())) resolve(Number(line));
      else reject(new Error(`serve printed ${line}: ${stderr}`));
    }
  });
  server.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
});
const base = `http://127.0.0.1:${port}`;

let browser;
try {
  const news = readFileSync(join(src, 'tests/data/stories/cli/news.jsonl'), 'utf8');
  const put = await fetch(`${base}/v1/articles`, {
    method: 'POST',
    body: news,
    headers: { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${token}` },
  });
  check(put.status === 201, `stored the story articles (${put.status})`);
  const stored = (await put.json()).items;
  const stories = (await (await fetch(`${base}/v1/stories`)).json()).items;
  const story = stories.find((s) => s.members.some((m) => m.role === 'independent') && s.members.some((m) => m.role === 'echo'));
  check(!!story, 'a story with an origin, echoes and an independent member');
  const labels = (await (await fetch(`${base}/v1/labels`)).json()).labels;
  const rgb = (hex) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
  const colours = new Set(labels.map((l) => rgb(l.color)));
  const article = readFileSync(join(src, 'examples/malaysia-china-processing.txt'), 'utf8');

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    timeout: kStep,
  });
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(kStep);
    const at = `at ${width}px`;
    page.on('console', (m) => {
      if (m.type() === 'error') fail(`console error ${at} on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => fail(`uncaught exception ${at} on ${page.url()}: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(base + '/') && !r.url().startsWith('data:')) fail(`request to another origin ${at}: ${r.url()}`);
    });
    // axe-core runs in the page (evaluated, as the CSP lets no injected script in).
    const axe = async (view) => {
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      for (const v of bad) fail(`axe ${view} ${at}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      if (!bad.length) console.log(`ok   axe ${view} ${at}: no serious or critical violation`);
    };
    const fits = async (view) => {
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      check(sw <= iw + 1, `${view} ${at} fits the window (${sw} <= ${iw}px)`);
    };
    const shot = (view) => page.screenshot({ path: join(shots, `${view}-${width}.png`), fullPage: true, timeout: kStep });

    // Article view: paste, analyse, see the spans.
    const response = await page.goto(`${base}/`);
    const csp = response.headers()['content-security-policy'] || '';
    check(csp.includes("default-src 'self'") && !csp.includes('unsafe'), `the app's page has a strict CSP ${at}`);
    await page.fill('#article-text', article);
    await page.click('button[type=submit]');
    await page.waitForSelector('mark.span');
    const marks = await page.$$eval('mark.span', (ms) => ms.map((m) => getComputedStyle(m).backgroundColor));
    check(marks.length >= 3, `article ${at}: ${marks.length} highlighted spans`);
    check(marks.every((c) => colours.has(c)), `article ${at}: every highlight is a colour of data/labels.tsv`);
    const legend = await page.$$eval('.legend li b', (bs) => bs.map((b) => b.textContent));
    check(legend.length >= 2 && legend.every((n) => labels.some((l) => l.name === n)), `article ${at}: legend by human names (${legend.join(', ')})`);
    check((await page.textContent('.summary')).includes('Reporting quality'), `article ${at}: reporting quality at the top`);
    check((await page.$$('.critique h3')).length >= 3, `article ${at}: the critique's sections beside the text`);
    await page.hover('mark.span');
    await page.waitForSelector('#tip:not([hidden])');
    check((await page.textContent('#tip')).includes('Cue:'), `article ${at}: hovering a span shows its cue`);
    // Keyboard: from the top of the page, Tab reaches a span and shows its tip; Escape hides it.
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.tagName === 'MARK');
    }
    check(reached, `article ${at}: Tab reaches a highlighted span`);
    check(await page.isVisible('#tip'), `article ${at}: a focused span shows its tip`);
    await page.keyboard.press('Escape');
    check(await page.isHidden('#tip'), `article ${at}: Escape hides the tip`);
    // A claim's span: its verdict and the kb source.
    const claim = await page.$('mark.claim');
    if (claim) {
      await claim.focus();
      const tip = await page.textContent('#tip');
      check(/Claim:/.test(tip) && /(supported|contradicted|disputed|unverifiable|not checked)/.test(tip), `article ${at}: a claim's span shows its verdict`);
    } else fail(`article ${at}: no claim span`);
    await page.keyboard.press('Escape');
    await fits('article');
    await axe('article');
    await shot('article');

    // Offsets are UTF-8 bytes: with accents and dashes before them, each
    // highlighted piece is still a piece of what the analysis marked.
    const accented = 'Ministère officials in Nouméa said on Tuesday — according to two people familiar with the matter — ' +
      'that the nickel plant could restart by 2027. Société Minière du Sud said output may reach 12,000 tonnes a year.';
    const analysed = await (await fetch(`${base}/v1/analyze`, { method: 'POST', body: accented, headers: { 'Content-Type': 'text/plain' } })).json();
    const marked = analysed.sentences.flatMap((x) => x.evidence.map((e) => e.text)).concat(analysed.claims.map((c) => c.text));
    await page.fill('#article-text', accented);
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('h2.title') && document.querySelectorAll('mark').length > 0);
    const pieces = await page.$$eval('mark', (ms) => ms.map((m) => m.textContent));
    const stray = pieces.filter((p) => !marked.some((t) => t.includes(p)));
    check(pieces.length >= 2 && stray.length === 0, `article ${at}: highlights land on the marked words after multi-byte characters (${pieces.join(' | ')})`);

    // A stored article by its permalink.
    const scoop = stored.find((d) => d.id === story.origin.member) || stored[0];
    await page.goto(`${base}/a/${scoop.key}`);
    await page.waitForSelector('.text');
    check((await page.textContent('h2.title')) === scoop.title, `permalink /a/{key} ${at}: the stored article opens`);

    // Story view: the list, then one story's timeline.
    await page.goto(`${base}/stories`);
    await page.waitForSelector('ol.stories li a');
    check((await page.$$('ol.stories li')).length === stories.length, `stories ${at}: ${stories.length} listed`);
    await axe('stories');
    await page.click(`ol.stories a[href="/s/${story.id}"]`);
    await page.waitForSelector('.timeline .version');
    check(new URL(page.url()).pathname === `/s/${story.id}`, `story ${at}: the URL is the permalink /s/${story.id}`);
    const badges = await page.$$eval('.timeline .badge', (bs) => bs.map((b) => b.textContent.toLowerCase()));
    check(['origin', 'echo', 'independent'].every((b) => badges.includes(b)), `story ${at}: badges ${badges.join(', ')}`);
    check((await page.$$('.timeline meter')).length === story.members.length - 1, `story ${at}: fidelity of every member but the origin`);
    const versions = await page.$$eval('.timeline time', (ts) => ts.map((t) => t.getAttribute('datetime')));
    check(versions.join() === [...versions].sort().join(), `story ${at}: versions by date`);
    await fits('story');
    await axe('story');
    await shot('story');
    // The permalink opens the same view on a fresh load.
    await page.goto(`${base}/s/${story.id}`);
    await page.waitForSelector('.timeline .version');
    check((await page.textContent('h1')) === story.title, `permalink /s/{id} ${at}: the story opens`);
    // Back and forward inside the app: the list, then back to the story.
    await page.click('nav a[href="/stories"]');
    await page.waitForSelector('ol.stories li a');
    await page.goBack();
    await page.waitForSelector('.timeline .version');
    check(new URL(page.url()).pathname === `/s/${story.id}`, `story ${at}: Back returns to the story`);

    // Supply view: the stage bars and the Sankey of the baseline.
    await page.click('nav a[href="/supply"]');
    await page.waitForSelector('svg.sankey path.band', { state: 'attached' });
    check((await page.$$('svg.bar')).length >= 8, `supply ${at}: stage bars`);
    const sankey = () => page.$$eval('svg.sankey path.band', (ps) => ps.map((p) => `${p.getAttribute('d')} ${p.getAttribute('stroke-width')}`).join('|'));
    const bandCount = (await page.$$('svg.sankey path.band')).length;
    const nodeCount = (await page.$$('svg.sankey g.node rect')).length;
    check(bandCount >= 10 && nodeCount >= 8, `supply ${at}: the Sankey has ${bandCount} bands and ${nodeCount} blocks`);
    const baseFlows = await sankey();
    check(!/NaN|undefined/.test(baseFlows), `supply ${at}: every band has a path`);
    check((await page.$$('table.flows tbody tr')).length >= bandCount, `supply ${at}: the flows as a table, a row per band`);
    // A block's tonnes on focus (keyboard) and a band's on hover.
    check((await page.$$('svg.sankey [tabindex="0"]')).length === 1, `supply ${at}: the Sankey is one Tab stop`);
    await page.focus('svg.sankey [tabindex="0"]');
    check(await page.isVisible('#tip') && /\d t/.test(await page.textContent('#tip')), `supply ${at}: a focused block shows its tonnes`);
    const firstTip = await page.textContent('#tip');
    await page.keyboard.press('ArrowDown');
    check(await page.evaluate(() => document.activeElement?.matches('svg.sankey g.node')) && (await page.textContent('#tip')) !== firstTip,
      `supply ${at}: the arrow keys move to the next block and show its tonnes`);
    await page.keyboard.press('End');
    check(await page.evaluate(() => document.activeElement?.matches('svg.sankey path.band')) && /\d t/.test(await page.textContent('#tip')),
      `supply ${at}: End reaches the last band`);
    await page.keyboard.press('Escape');
    await page.locator('svg.sankey path.band').first().scrollIntoViewIfNeeded();
    const [mx, my] = await page.$eval('svg.sankey path.band', (p) => {
      const q = p.getPointAtLength(p.getTotalLength() / 2);
      const m = p.getScreenCTM();
      return [q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f];
    });
    await page.mouse.move(mx, my);
    check(await page.isVisible('#tip') && /\d t/.test(await page.textContent('#tip')), `supply ${at}: a hovered band shows its tonnes`);
    await page.mouse.move(0, 0);
    // A narrower window lays the diagram out again for its width.
    if (width >= 1000) {
      const wide = await page.getAttribute('svg.sankey', 'width');
      await page.setViewportSize({ width: 900, height: 900 });
      await page.waitForFunction((w) => document.querySelector('svg.sankey')?.getAttribute('width') !== w, wide);
      const narrow = Number(await page.getAttribute('svg.sankey', 'width'));
      check(narrow < Number(wide) && narrow <= 900, `supply ${at}: resized to 900 px, the Sankey is laid out again (${wide} -> ${narrow} px)`);
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction((w) => document.querySelector('svg.sankey')?.getAttribute('width') === w, wide);
    }
    // The scenario runner: pick a scenario (it runs), then change its
    // parameter (it runs again, live): the Sankey and the key figures change.
    await page.selectOption('#scenario', 'myanmar-clay-halt');
    await page.waitForFunction(() => /myanmar-clay-halt .*against the baseline/.test(document.querySelector('.run-status')?.textContent || ''));
    const haltFlows = await sankey();
    check(haltFlows !== baseFlows, `supply ${at}: running a scenario redraws the Sankey`);
    const mine = await page.$$eval('table.key-figures tbody tr', (rs) => rs.map((r) => r.textContent).find((t) => t.startsWith('Mine output')) || '');
    check(/Mine output \(t REO\).*−22,000/.test(mine), `supply ${at}: the key figures give the change with its sign (${mine})`);
    check((await page.$$('.bar-row.was')).length >= 4, `supply ${at}: the bars show the baseline beside the scenario`);
    await page.fill('#param-0', '0.5');
    await page.waitForFunction(() => /share left 0\.5/.test(document.querySelector('.run-status')?.textContent || ''));
    check((await sankey()) !== haltFlows, `supply ${at}: changing a parameter redraws the Sankey`);
    const half = await page.$$eval('table.key-figures tbody tr', (rs) => rs.map((r) => r.textContent).find((t) => t.startsWith('Mine output')) || '');
    check(/Mine output \(t REO\).*−11,000/.test(half), `supply ${at}: and the key figures (${half})`);
    // A quarter: the scenario runs on the quarter's capacities (pro rata).
    await page.selectOption('#period', { index: 2 });
    await page.waitForFunction(() => /against the baseline, Quarter 2/.test(document.querySelector('.run-status')?.textContent || ''));
    const quarter = await page.$$eval('table.key-figures tbody tr', (rs) => rs.map((r) => r.textContent).find((t) => t.startsWith('Mine output')) || '');
    check(/Mine output \(t REO\)9\d,\d{3}.*−2,7\d\d/.test(quarter), `supply ${at}: a quarter's figures (${quarter})`);
    await page.selectOption('#period', { index: 0 });
    await page.waitForFunction(() => /against the baseline, \d{4}\./.test(document.querySelector('.run-status')?.textContent || ''));
    // Monte Carlo: 200 draws on the scenario, then a histogram of each outcome.
    await page.fill('#mc-draws', '200');
    await page.click('.mc-form button[type=submit]');
    await page.waitForSelector('svg.hist');
    const hists = await page.$$eval('svg.hist', (ss) => ss.map((x) => [x.querySelectorAll('rect').length, x.querySelectorAll('line.marker').length]));
    check(hists.length >= 5 && hists.every(([bars, markers]) => bars >= 5 && markers === 3), `supply ${at}: ${hists.length} histograms with P5, P50 and P95 (${JSON.stringify(hists)})`);
    check(/200 draws on myanmar-clay-halt/.test(await page.textContent('.mc-form ~ p[role=status]')), `supply ${at}: the run was on the scenario picked`);
    check(await page.isHidden('progress'), `supply ${at}: the progress bar goes once the run is done`);
    // A long run cancelled: the app cancels the job on the server (DELETE).
    await page.fill('#mc-draws', '20000');
    await page.click('.mc-form button[type=submit]');
    await page.waitForSelector('progress:not([hidden])');
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && /\/v1\/jobs\/[0-9a-f]{16}$/.test(r.url())),
      page.click('.mc-form button.secondary'),
    ]);
    check(deleted.status() === 204, `supply ${at}: Cancel cancels the job on the server (${deleted.status()})`);
    let gone = { status: 'running' };
    for (let i = 0; i < 600 && gone.status === 'running'; i++) {
      gone = await (await fetch(deleted.url())).json();
      if (gone.status === 'running') await new Promise((r) => setTimeout(r, 100));
    }
    check(gone.status === 'failed' && gone.error === 'cancelled', `supply ${at}: the job stops, cancelled (${gone.status}, ${gone.error})`);
    check((await page.$$('svg.hist')).length === hists.length, `supply ${at}: the last run's histograms stay`);
    await fits('supply');
    await axe('supply');
    await shot('supply');
    await context.close();
  }
} catch (e) {
  fail(`the test stopped: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  const { code, signal } = await exited;
  check(code === 0, `serve stopped cleanly on SIGTERM (exit ${code}${signal ? ', ' + signal : ''})`);
  rmSync(work, { recursive: true, force: true });
}
console.log(`webapp_test: ${failures.length} failure(s); screenshots in ${shots}`);
process.exit(failures.length ? 1 : 0);

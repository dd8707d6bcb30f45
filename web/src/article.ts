// Article view: paste or drop an article (POST /v1/analyze), or open a stored
// one (/a/{key} -> GET /v1/articles/{key}); the text with its label spans
// highlighted in the colours of data/labels.tsv, the critique beside it, and
// what each span rests on (the cue, the claim's verdict, the kb source) on
// hover, focus or tap.
import { Analysis, ArticleItem, Claim, Evidence, LabelStyle, Page, Sentence, getJson, labelStyles, postText } from './api';
import { h, notice } from './dom';
import { hideTip, showTip } from './tip';

const TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', md: 'text/markdown', json: 'application/json' };

export async function articleView(main: HTMLElement, key: string | null): Promise<void> {
  main.replaceChildren(h('h1', {}, key ? 'Article' : 'Analyse an article'));
  const result = h('section', { id: 'result', 'aria-live': 'polite', 'aria-label': 'Analysis' });
  if (key) {
    main.append(result);
    result.append(notice('Loading the stored analysis…'));
    try {
      const a = await getJson<Analysis>(`/v1/articles/${encodeURIComponent(key)}`);
      await render(result, a);
    } catch (e) {
      result.replaceChildren(notice(`Could not open this article: ${(e as Error).message}`, 'error'));
    }
    return;
  }
  const text = h('textarea', { id: 'article-text', name: 'text', rows: 10, spellcheck: 'false', 'aria-describedby': 'article-hint' });
  const hint = h('p', { id: 'article-hint', class: 'hint' }, 'Paste the text of a news article, or drop a .txt, .md or .html file onto the box.');
  const button = h('button', { type: 'submit' }, 'Analyse');
  const form = h('form', { class: 'paste' }, h('label', { for: 'article-text' }, 'Article text'), hint, text, h('div', { class: 'actions' }, button));
  let contentType = 'text/plain';
  text.addEventListener('input', () => (contentType = 'text/plain'));
  text.addEventListener('dragover', (e) => {
    e.preventDefault();
    text.classList.add('drop');
  });
  text.addEventListener('dragleave', () => text.classList.remove('drop'));
  text.addEventListener('drop', async (e) => {
    e.preventDefault();
    text.classList.remove('drop');
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    text.value = await file.text();
    contentType = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'text/plain';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!text.value.trim()) {
      result.replaceChildren(notice('The box is empty: paste an article first.', 'error'));
      return;
    }
    button.disabled = true;
    result.replaceChildren(notice('Analysing…'));
    try {
      const a = await postText<Analysis>('/v1/analyze', text.value, contentType);
      await render(result, a);
      result.querySelector('h2')?.focus();
    } catch (err) {
      result.replaceChildren(notice(`The article could not be analysed: ${(err as Error).message}`, 'error'));
    } finally {
      button.disabled = false;
    }
  });
  const recent = h('section', { class: 'recent', 'aria-labelledby': 'recent-h' });
  main.append(form, result, recent);
  try {
    // A server without a store answers the listing 503: ask only one with a store.
    const health = await getJson<{ store: boolean }>('/v1/health');
    if (!health.store) return;
    const page = await getJson<Page<ArticleItem>>('/v1/articles', { limit: '10' });
    if (page.items.length) {
      recent.append(
        h('h2', { id: 'recent-h' }, 'In the store'),
        h('ul', { class: 'plain' }, ...page.items.map((d) => h('li', {}, h('a', { href: `/a/${d.key}` }, d.title || d.id), ' ', h('span', { class: 'meta' }, [d.outlet, d.published].filter(Boolean).join(', '))))),
      );
    }
  } catch {
    // a server without a store lists nothing here
  }
}

// UTF-8 byte offsets of `text` to UTF-16 indexes: map[b] for each byte offset b.
function byteToIndex(text: string): number[] {
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const bytes = new TextEncoder().encode(ch).length;
    for (let b = 0; b < bytes; b++) map.push(i);
    i += ch.length;
  }
  map.push(i);
  return map;
}

interface Mark {
  span: [number, number]; // UTF-16 indexes in the sentence's text
  evidence?: Evidence;
  claim?: Claim;
}

function sentenceNode(sent: Sentence, claims: Claim[], styles: Map<string, LabelStyle>): HTMLElement {
  const el = h('span', { class: 'sentence' });
  const map = byteToIndex(sent.text);
  const local = (b: number) => map[Math.min(Math.max(b - sent.span[0], 0), map.length - 1)];
  const marks: Mark[] = [];
  for (const ev of sent.evidence ?? []) marks.push({ span: [local(ev.span[0]), local(ev.span[1])], evidence: ev });
  for (const c of claims) marks.push({ span: [local(c.span[0]), local(c.span[1])], claim: c });
  // Cut the sentence at every mark's edge; each piece carries the marks over it.
  const cuts = new Set<number>([0, sent.text.length]);
  for (const m of marks) {
    if (m.span[1] <= m.span[0]) continue;
    cuts.add(m.span[0]);
    cuts.add(m.span[1]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = sent.text.slice(a, b);
    const over = marks.filter((m) => m.span[0] <= a && m.span[1] >= b && m.span[1] > m.span[0]);
    if (!over.length) {
      el.append(piece);
      continue;
    }
    const evs = over.flatMap((m) => (m.evidence ? [m.evidence] : []));
    const cls = over.flatMap((m) => (m.claim ? [m.claim] : []));
    const first = evs.length ? styles.get(evs[0].label) : undefined;
    const names = evs.map((e) => styles.get(e.label)?.name ?? e.label);
    const what = [...new Set(names)].join(', ') + (cls.length ? `${names.length ? '; ' : ''}claim: ${cls[0].verdict || 'not checked'}` : '');
    const mark = h('mark', { tabindex: 0, class: cls.length ? (evs.length ? 'span claim' : 'claim') : 'span', 'data-labels': evs.map((e) => e.label).join(' '), 'aria-label': `${piece} (${what})` }, piece);
    if (first) mark.style.backgroundColor = first.color;
    if (evs.length > 1) {
      const second = styles.get(evs.find((e) => e.label !== evs[0].label)?.label ?? '');
      if (second) mark.style.boxShadow = `inset 0 -0.25em 0 ${second.color}`;
    }
    const details = () => tipContent(evs, cls, styles);
    mark.addEventListener('mouseenter', () => showTip(mark, details()));
    mark.addEventListener('mouseleave', () => hideTip(mark));
    mark.addEventListener('focus', () => showTip(mark, details()));
    mark.addEventListener('blur', () => hideTip(mark));
    mark.addEventListener('click', () => showTip(mark, details()));
    el.append(mark);
  }
  return el;
}

function tipContent(evs: Evidence[], claims: Claim[], styles: Map<string, LabelStyle>): HTMLElement {
  const box = h('div');
  for (const ev of evs) {
    const st = styles.get(ev.label);
    box.append(
      h('p', { class: 'tip-label' }, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-color': st?.color ?? '' }), st?.name ?? ev.label),
      h('p', {}, h('b', {}, 'Cue: '), `“${ev.text}”`, ev.cue ? ` (${ev.cue})` : '', ev.note ? ` — ${ev.note}` : ''),
    );
  }
  for (const c of claims) {
    box.append(h('p', {}, h('b', {}, 'Claim: '), `${c.figure || c.text} — `, h('span', { class: `verdict v-${c.verdict || 'none'}` }, c.verdict || 'not checked')));
    if (c.reason) box.append(h('p', { class: 'reason' }, c.reason));
    for (const e of c.evidence ?? []) box.append(h('p', { class: 'source' }, h('b', {}, 'Source: '), e.source, e.row ? ` (${e.row})` : ''));
  }
  for (const sw of box.querySelectorAll<HTMLElement>('.swatch')) sw.style.backgroundColor = sw.dataset.color ?? '';
  return box;
}

function meter(label: string, score: number, text: string): HTMLElement {
  const m = h('meter', { min: 0, max: 100, low: 40, high: 70, optimum: 100, value: score, 'aria-label': `${label}: ${score} of 100` });
  return h('div', { class: 'score' }, h('span', { class: 'score-label' }, label), h('span', { class: 'score-value' }, `${score}/100`), m, h('span', { class: 'score-text' }, text));
}

async function render(result: HTMLElement, a: Analysis): Promise<void> {
  const styles = await labelStyles();
  const as = a.assessment;
  const v = a.verification;
  const meta = [a.document.outlet, a.document.published].filter(Boolean).join(', ');
  const summary = h(
    'div',
    { class: 'summary' },
    meter('Reporting quality', as.reporting.score, as.reporting.components.filter((c) => c.points !== 0 && c.name !== 'base').slice(0, 3).map((c) => c.why).join('; ')),
    meter('Claim status', as.claim_status.score, `${as.claim_status.level.replace(/_/g, ' ')}: ${as.claim_status.basis}`),
    v && v.checked
      ? h('p', { class: 'verification' }, `${v.checked} claim${v.checked === 1 ? '' : 's'} checked against the knowledge base: ${v.supported} supported, ${v.contradicted} contradicted, ${v.disputed} disputed, ${v.unverifiable} unverifiable.`)
      : h('p', { class: 'verification' }, 'No claim could be checked against the knowledge base.'),
  );
  const used = new Set(a.sentences.flatMap((s) => (s.evidence ?? []).map((e) => e.label)));
  const shown = [...styles.values()].filter((s) => used.has(s.label));
  const swatch = (color: string) => {
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.backgroundColor = color;
    return sw;
  };
  const legend = h(
    'div',
    { class: 'legend-box' },
    h('ul', { class: 'legend', 'aria-label': 'Labels' }, ...shown.map((s) => h('li', { title: s.definition }, swatch(s.color), h('b', {}, s.name)))),
    h('details', { class: 'definitions' }, h('summary', {}, 'What the labels mean'),
      h('dl', {}, ...shown.flatMap((s) => [h('dt', {}, swatch(s.color), s.name), h('dd', {}, s.definition)]))),
  );
  const byParagraph = new Map<number, Sentence[]>();
  for (const s of a.sentences) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
  const text = h('div', { class: 'text' });
  for (const sents of byParagraph.values()) {
    const p = h(sents[0].role === 'heading' ? 'h3' : 'p', {});
    sents.forEach((s, i) => {
      if (i) p.append(' ');
      p.append(sentenceNode(s, a.claims.filter((c) => c.sentence === s.index), styles));
    });
    text.append(p);
  }
  const critique = h('aside', { class: 'critique', 'aria-labelledby': 'critique-h' }, h('h2', { id: 'critique-h' }, 'Critique'));
  if (a.critique) {
    critique.append(h('p', { class: 'bottom' }, a.critique.verdict));
    for (const sec of a.critique.sections) {
      if (!sec.points.length) continue;
      critique.append(h('h3', {}, sec.title), h('ul', {}, ...sec.points.map((p) => h('li', {}, p.text))));
    }
  } else {
    critique.append(h('p', {}, 'The store keeps the analysis without its critique: analyse the text again to see it.'));
  }
  result.replaceChildren(
    h('h2', { tabindex: -1, class: 'title' }, a.document.title || 'Untitled article'),
    meta ? h('p', { class: 'meta' }, meta) : '',
    summary,
    legend,
    h('div', { class: 'columns' }, h('section', { class: 'article', 'aria-label': 'Article text with highlighted spans' }, text), critique),
  );
}

export const forTests = { byteToIndex };

// Supply view (/supply): the baseline model (GET /v1/chain) as stage bars
// (output and capacity in China, China-controlled elsewhere and the rest of
// the world) and the mines-to-magnets Sankey; a scenario runner (GET
// /v1/chain/scenarios, then /v1/chain/scenarios/{id}?set.NAME=N) whose
// parameters are controls and whose result redraws the bars and the Sankey
// against the baseline, with the key figures' changes; and Monte Carlo runs
// as jobs (POST /v1/chain/montecarlo, GET /v1/jobs/{id}) drawn as
// histograms with P5, P50 and P95.
import { ApiError, deleteIt, getJson, postText } from './api';
import {
  Comparison, Flows, GROUPS, Job, JobStarted, Metric, MonteCarloResult, ScenarioItem, ScenarioParameter, StageFlows, Summary,
  signed, stageName,
} from './chain';
import { fmtNumber, h, notice, s } from './dom';
import { histogramFigure } from './histogram';
import { sankeySvg, sankeyTable } from './sankey';
import { hideTip } from './tip';

type Measure = 'output' | 'capacity';

function total(st: StageFlows | undefined, m: Measure): number {
  return st ? GROUPS.reduce((t, [k]) => t + (st.groups[k]?.[m] ?? 0), 0) : 0;
}

function shares(st: StageFlows, m: Measure): number[] {
  const t = total(st, m);
  return GROUPS.map(([k]) => (t ? Math.round((100 * (st.groups[k]?.[m] ?? 0)) / t) : 0));
}

// A stacked bar of one stage's output or capacity by group, `scale` tonnes
// wide (the larger of the scenario's and the baseline's, so that a loss
// shows as a shorter bar).
function bar(st: StageFlows, m: Measure, scale: number, what: string): SVGElement {
  const [china, controlled, rest] = shares(st, m);
  const svg = s('svg', {
    viewBox: '0 0 100 6', preserveAspectRatio: 'none', class: `bar ${m}`, role: 'img',
    'aria-label': `${stageName(st.stage)}, ${what}: ${fmtNumber(total(st, m))} ${st.unit}; China ${china}%, China-controlled elsewhere ${controlled}%, rest of the world ${rest}%`,
  });
  let x = 0;
  for (const [k, , color] of GROUPS) {
    const w = scale ? (100 * (st.groups[k]?.[m] ?? 0)) / scale : 0;
    if (w > 0) svg.append(s('rect', { x, y: 0, width: w, height: 6, fill: color }));
    x += w;
  }
  return svg;
}

function barText(st: StageFlows, m: Measure, base: StageFlows | undefined): string {
  const [china, controlled, rest] = shares(st, m);
  const change = base ? ` (${signed(total(st, m) - total(base, m))} ${st.unit})` : '';
  return `${fmtNumber(total(st, m))} ${st.unit}${change} · China ${china}% · China-controlled ${controlled}% · rest ${rest}%`;
}

function stageBars(flows: Flows, baseline: Flows | null): HTMLElement[] {
  return flows.stages.map((st) => {
    const base = baseline?.stages.find((x) => x.stage === st.stage);
    const rows: HTMLElement[] = [];
    for (const [m, label] of [['output', 'Output'], ['capacity', 'Capacity']] as [Measure, string][]) {
      const scale = Math.max(total(st, m), total(base, m));
      rows.push(h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, label), bar(st, m, scale, base ? `${m} in the scenario` : m),
        h('span', { class: 'bar-text', 'aria-hidden': 'true' }, barText(st, m, base))));
      if (base && m === 'output') {
        rows.push(h('div', { class: 'bar-row was' }, h('span', { class: 'bar-label' }, 'Baseline'), bar(base, m, scale, 'output in the baseline')));
      }
    }
    return h('section', { class: 'stage', 'aria-label': stageName(st.stage) }, h('h3', {}, stageName(st.stage)), ...rows);
  });
}

// The figures a reader asks of a scenario first, by metric key; shares
// (unit "%") are fractions in the JSON.
const KEY_FIGURES: [string, string][] = [
  ['magnets.ex_china', 'Magnets made outside China'],
  ['magnets.world', 'Magnets made in the world'],
  ['mining.output', 'Mine output'],
  ['mining.china_location_output', 'Mine output in China'],
  ['separation.output', 'Separation output'],
  ['separation.china_location_output', 'Separation in China'],
  ['separation.china_control_output', 'Separation under Chinese control'],
  ['magnet.china_location_output', 'Magnet output in China'],
  ['supply.ndpr_ex_china', 'NdPr oxide outside China'],
  ['supply.dy_ex_china', 'Dy oxide outside China'],
  ['supply.tb_ex_china', 'Tb oxide outside China'],
  ['trade.supply_ex_china', 'Magnets available outside China'],
  ['trade.unmet', 'Use outside China not met'],
];

// Figures without their unit (the row's name gives it), so that the table
// fits a phone.
function figure(m: Metric, v: number): string {
  return m.unit === '%' ? `${fmtNumber(100 * v, 1)}%` : fmtNumber(v);
}
function change(m: Metric): string {
  return m.unit === '%' ? `${signed(100 * m.delta, 1)} pts` : signed(m.delta);
}

function metricRows(metrics: Metric[]): HTMLElement[] {
  return metrics.map((m) => h('tr', { class: m.delta > 0 ? 'up' : m.delta < 0 ? 'down' : null },
    h('th', { scope: 'row' }, KEY_FIGURES.find(([k]) => k === m.key)?.[1] ?? m.key, m.unit === '%' ? null : h('span', { class: 'unit' }, ` (${m.unit})`)),
    h('td', { class: 'num' }, figure(m, m.baseline)),
    h('td', { class: 'num' }, figure(m, m.scenario)),
    h('td', { class: 'num' }, change(m))));
}

function metricTable(caption: string, metrics: Metric[], cls: string): HTMLTableElement {
  return h('table', { class: `data ${cls}` }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Figure'), h('th', { scope: 'col', class: 'num' }, 'Baseline'),
      h('th', { scope: 'col', class: 'num' }, 'Scenario'), h('th', { scope: 'col', class: 'num' }, 'Change'))),
    h('tbody', {}, ...metricRows(metrics)));
}

function deltaTables(r: Comparison['scenarios'][number]): HTMLElement {
  const key = KEY_FIGURES.map(([k]) => r.metrics.find((m) => m.key === k)).filter((m): m is Metric => !!m);
  const changed = r.metrics.filter((m) => Math.abs(m.delta) >= (m.unit === '%' ? 0.0005 : 0.5));
  return h('div', { class: 'deltas' },
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Key figures' },
      metricTable(`Key figures: ${r.name} against the baseline`, key, 'key-figures')),
    h('details', {}, h('summary', {}, `Every figure that changed (${changed.length})`),
      h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Every figure that changed' },
        changed.length ? metricTable('Every figure that changed', changed, 'changed') : h('p', {}, 'Nothing changed.'))));
}

// A parameter's control: a number input, and for a share (a default from 0
// to 1 and a name that says so) a 0..1 slider beside it. The API declares
// defaults only (docs/SCENARIOS.md), no ranges or units.
function isShare(p: ScenarioParameter): boolean {
  return p.default >= 0 && p.default <= 1 && /share|coverage|factor|left/.test(p.name);
}

function parameterControl(p: ScenarioParameter, id: string, onChange: () => void): { el: HTMLElement; value: () => string; reset: () => void } {
  const share = isShare(p);
  const label = p.name.replace(/_/g, ' ');
  const unit = share ? 'share, 0 to 1' : /capacity|tonnes/.test(p.name) ? 'tonnes a year' : '';
  const num = h('input', {
    type: 'number', id, name: p.name, value: String(p.default), step: share ? 0.05 : p.default >= 100 ? 500 : 'any', min: 0, max: share ? 1 : null,
    inputmode: 'decimal', 'aria-describedby': `${id}-hint`,
  });
  const children: HTMLElement[] = [h('label', { for: id }, label), h('div', { class: 'param-inputs' }, num)];
  let range: HTMLInputElement | null = null;
  if (share) {
    range = h('input', { type: 'range', min: 0, max: 1, step: 0.05, value: String(p.default), 'aria-label': `${label} (slider)`, 'aria-describedby': `${id}-hint` });
    const r = range;
    r.addEventListener('input', () => {
      num.value = r.value;
      onChange();
    });
    num.addEventListener('input', () => {
      r.value = num.value;
    });
    (children[1] as HTMLElement).prepend(r);
  }
  num.addEventListener('input', onChange);
  children.push(h('span', { class: 'hint', id: `${id}-hint` }, `${unit ? unit + '; ' : ''}default ${p.default.toLocaleString('en-GB', { maximumFractionDigits: 6 })}`));
  return {
    el: h('div', { class: 'param' }, ...children),
    value: () => num.value.trim(),
    reset: () => {
      num.value = String(p.default);
      if (range) range.value = String(p.default);
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function supplyView(main: HTMLElement): Promise<void> {
  main.replaceChildren(h('h1', {}, 'Supply chain'), notice('Solving the baseline model…'));
  let chain: Summary;
  let catalogue: ScenarioItem[];
  try {
    [chain, catalogue] = await Promise.all([
      getJson<Summary>('/v1/chain'),
      getJson<{ items: ScenarioItem[] }>('/v1/chain/scenarios').then((r) => r.items),
    ]);
  } catch (e) {
    main.replaceChildren(h('h1', {}, 'Supply chain'), notice(`The supply model could not be read: ${(e as Error).message}`, 'error'));
    return;
  }
  const baseline: Flows = { stages: chain.stages, sankey: chain.sankey };
  const legend = h('ul', { class: 'legend' }, ...GROUPS.map(([, name, color]) => {
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.backgroundColor = color;
    return h('li', {}, sw, h('b', {}, name));
  }));

  // What is drawn: the baseline, or the last scenario run against it.
  const status = h('p', { class: 'meta run-status', role: 'status' }, 'Showing the baseline.');
  const deltas = h('div', { class: 'delta-box' });
  const bars = h('div', { class: 'stages' });
  const sankeyBox = h('div', { class: 'chart-scroll', tabindex: 0, role: 'region', 'aria-label': 'Sankey diagram of flows from mines to magnets (scrolls sideways)' });
  const sankeyList = h('details', { class: 'flows-table' });
  let shown: [Flows, Flows | null] = [baseline, null];
  let drawnWidth = 0;
  const drawSankey = (): void => {
    drawnWidth = sankeyBox.clientWidth || main.clientWidth || 640;
    sankeyBox.replaceChildren(sankeySvg(shown[0], shown[1], drawnWidth));
  };
  // The diagram is laid out for its box's width: a window resized by more
  // than a little gets it laid out again.
  new ResizeObserver(() => {
    if (sankeyBox.isConnected && Math.abs(sankeyBox.clientWidth - drawnWidth) > 24) drawSankey();
  }).observe(sankeyBox);
  const draw = (flows: Flows, against: Flows | null): void => {
    hideTip();
    shown = [flows, against];
    bars.replaceChildren(...stageBars(flows, against));
    drawSankey();
    sankeyList.replaceChildren(h('summary', {}, 'The flows as a table'),
      h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'The flows as a table' }, sankeyTable(flows, against)));
  };

  // The scenario runner.
  const select = h('select', { id: 'scenario', 'aria-describedby': 'scenario-desc' }, h('option', { value: '' }, 'Baseline (no scenario)'),
    ...catalogue.map((c) => h('option', { value: c.name }, c.name)));
  const describe = h('p', { class: 'hint', id: 'scenario-desc' });
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const period = h('select', { id: 'period', 'aria-describedby': 'period-hint' },
    h('option', { value: '' }, `The whole of ${chain.year}`),
    ...[1, 2, 3, 4].map((q) => h('option', { value: `${chain.year}Q${q}` }, `Quarter ${q}, ${chain.year}`)),
    ...months.map((m, i) => h('option', { value: `${chain.year}-${String(i + 1).padStart(2, '0')}` }, `${m} ${chain.year}`)));
  const params = h('fieldset', { class: 'params' }, h('legend', {}, 'Parameters'));
  const run = h('button', { type: 'submit' }, 'Run');
  const reset = h('button', { type: 'button', class: 'secondary' }, 'Defaults');
  const live = h('input', { type: 'checkbox', id: 'live', checked: true });
  const form = h('form', { class: 'runner', 'aria-label': 'Scenario runner' },
    h('div', { class: 'pickers' },
      h('div', {}, h('label', { for: 'scenario' }, 'Scenario'), select),
      h('div', {}, h('label', { for: 'period' }, 'Period'), period,
        h('span', { class: 'hint', id: 'period-hint' }, 'Capacities pro rata; figures for the period.'))),
    describe, params,
    h('div', { class: 'actions' }, run, ' ', reset, h('span', { class: 'check' }, live, h('label', { for: 'live' }, 'Run on every change'))),
    status);
  let controls: ReturnType<typeof parameterControl>[] = [];
  let timer = 0;
  let inflight: AbortController | null = null;
  let generation = 0;

  const runScenario = async (): Promise<void> => {
    window.clearTimeout(timer);
    inflight?.abort();
    const name = select.value;
    const mine = ++generation;
    run.disabled = false; // a run this one replaces no longer holds it
    if (!name) {
      deltas.replaceChildren();
      if (!period.value) {
        status.textContent = 'Showing the baseline.';
        draw(baseline, null);
        return;
      }
      inflight = new AbortController();
      try {
        const b = await getJson<Summary>('/v1/chain', { period: period.value }, inflight.signal);
        if (mine !== generation || !form.isConnected) return;
        status.textContent = `Showing the baseline, ${period.selectedOptions[0]?.textContent ?? period.value}.`;
        draw(b, null);
      } catch (e) {
        if ((e as Error).name !== 'AbortError' && mine === generation) status.textContent = `The baseline could not be read: ${(e as Error).message}`;
      }
      return;
    }
    const query: Record<string, string> = { period: period.value };
    const item = catalogue.find((c) => c.name === name);
    item?.parameters.forEach((p, i) => (query[`set.${p.name}`] = controls[i]?.value() ?? String(p.default)));
    const bad = Object.entries(query).find(([k, v]) => k !== 'period' && (v === '' || !Number.isFinite(Number(v))));
    if (bad) {
      status.textContent = `${bad[0].slice(4).replace(/_/g, ' ')}: enter a number.`;
      return;
    }
    inflight = new AbortController();
    status.textContent = `Running ${name}…`;
    run.disabled = true;
    try {
      const cmp = await getJson<Comparison>(`/v1/chain/scenarios/${encodeURIComponent(name)}`, query, inflight.signal);
      if (mine !== generation || !form.isConnected) return;
      const r = cmp.scenarios[0];
      const set = Object.entries(r.parameters).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', ');
      const when = period.value ? period.selectedOptions[0]?.textContent ?? period.value : String(cmp.year);
      status.textContent = `Showing ${name}${set ? ` (${set})` : ''} against the baseline, ${when}.`;
      deltas.replaceChildren(deltaTables(r));
      draw(r.flows, cmp.baseline_flows);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || mine !== generation) return;
      status.textContent = `The scenario could not be run: ${(e as Error).message}`;
    } finally {
      if (mine === generation) run.disabled = false;
    }
  };
  const changed = (): void => {
    window.clearTimeout(timer);
    if (live.checked) timer = window.setTimeout(() => void runScenario(), 350);
  };
  const pick = (): void => {
    const item = catalogue.find((c) => c.name === select.value);
    describe.textContent = item ? item.title : 'The model as the knowledge base gives it.';
    controls = (item?.parameters ?? []).map((p, i) => parameterControl(p, `param-${i}`, changed));
    params.replaceChildren(h('legend', {}, 'Parameters'), ...(controls.length ? controls.map((c) => c.el) : [h('p', { class: 'hint' }, item ? 'This scenario declares none.' : 'None: pick a scenario.')]));
    mc.sync();
  };
  select.addEventListener('change', () => {
    pick();
    void runScenario();
  });
  period.addEventListener('change', () => void runScenario());
  reset.addEventListener('click', () => {
    controls.forEach((c) => c.reset());
    void runScenario();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void runScenario();
  });

  // Monte Carlo.
  const mc = monteCarlo(() => {
    const item = catalogue.find((c) => c.name === select.value);
    const set: Record<string, number> = {};
    item?.parameters.forEach((p, i) => {
      const v = Number(controls[i]?.value());
      if (Number.isFinite(v) && controls[i]?.value() !== '') set[p.name] = v;
    });
    return { scenario: item ? item.name : 'baseline', set };
  });

  main.replaceChildren(
    h('h1', {}, 'Supply chain'),
    h('p', { class: 'meta' }, `Model ${chain.label}, ${chain.year}: where each stage's output and capacity are, by location and control; what a scenario changes; how outages, delays and ramp shortfalls spread the outcome.`),
    legend,
    h('section', { 'aria-labelledby': 'h-scenario' }, h('h2', { id: 'h-scenario' }, 'Scenario'), form, deltas),
    h('section', { 'aria-labelledby': 'h-sankey' }, h('h2', { id: 'h-sankey' }, 'From mines to magnets'),
      h('p', { class: 'hint' }, 'Bands carry each stage\'s output to the next, coloured by where it leaves from. Hover a block or a band for its tonnes, or Tab into the diagram and move with the arrow keys.'),
      sankeyBox, sankeyList),
    h('section', { 'aria-labelledby': 'h-stages' }, h('h2', { id: 'h-stages' }, 'Stages'), bars),
    mc.section,
  );
  pick();
  draw(baseline, null);
}

// The Monte Carlo panel: draws and seed, Start and Cancel, the job's
// progress, then a histogram of each outcome. Leaving the view or
// cancelling stops following the job (the server finishes it on its own).
function monteCarlo(what: () => { scenario: string; set: Record<string, number> }): { section: HTMLElement; sync: () => void } {
  const kMaxDraws = 20000; // some 8 s here (Cancel stops it); the server's cap is larger
  const target = h('p', { class: 'meta' });
  const draws = h('input', { type: 'number', id: 'mc-draws', min: 50, max: kMaxDraws, step: 50, value: '500', inputmode: 'numeric', 'aria-describedby': 'mc-draws-hint' });
  const seed = h('input', { type: 'number', id: 'mc-seed', min: 0, step: 1, value: '1', inputmode: 'numeric' });
  const start = h('button', { type: 'submit' }, 'Start');
  const cancel = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Cancel');
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Monte Carlo progress', hidden: true });
  const state = h('p', { class: 'meta', role: 'status' });
  const out = h('div', { class: 'mc-out' });
  let section: HTMLElement;
  const form = h('form', { class: 'mc-form', 'aria-label': 'Monte Carlo run' },
    h('div', { class: 'param' }, h('label', { for: 'mc-draws' }, 'Draws'), draws, h('span', { class: 'hint', id: 'mc-draws-hint' }, `50 to ${fmtNumber(kMaxDraws)}`)),
    h('div', { class: 'param' }, h('label', { for: 'mc-seed' }, 'Seed'), seed),
    h('div', { class: 'actions' }, start, ' ', cancel));
  let runs = 0;
  let following = 0; // the run being followed; 0: none
  let href = ''; // its job, while it runs
  // Cancelling, or leaving the view, cancels the job on the server too (it
  // stops after its current draw and frees its place).
  const cancelJob = (): void => {
    if (href) void deleteIt(href).catch(() => undefined);
    href = '';
  };
  const sync = (): void => {
    const w = what();
    target.textContent = `On ${w.scenario === 'baseline' ? 'the baseline' : `the scenario ${w.scenario}`} (the scenario picked above, with its parameters; a whole year); each draw gives every facility an outage, a delay or a ramp shortfall with the probability the knowledge base sets.`;
  };
  const stop = (text: string): void => {
    following = 0;
    start.disabled = false;
    cancel.disabled = true;
    progress.hidden = true;
    state.textContent = text;
  };
  cancel.addEventListener('click', () => {
    cancelJob();
    stop('Cancelled.');
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = Number(draws.value);
    if (!Number.isInteger(n) || n < 50 || n > kMaxDraws) {
      state.textContent = `Draws: a whole number from 50 to ${fmtNumber(kMaxDraws)}.`;
      return;
    }
    const sd = Number(seed.value);
    if (!Number.isInteger(sd) || sd < 0) {
      state.textContent = 'Seed: a whole number from 0.';
      return;
    }
    const w = what();
    const body: Record<string, unknown> = { scenario: w.scenario, draws: n, seed: sd };
    if (Object.keys(w.set).length) body.set = w.set;
    const mine = ++runs;
    following = mine;
    start.disabled = true;
    cancel.disabled = false;
    progress.hidden = false;
    progress.value = 0;
    state.textContent = `Starting ${fmtNumber(n)} draws…`;
    try {
      const job = await postText<JobStarted>('/v1/chain/montecarlo', JSON.stringify(body), 'application/json');
      if (following !== mine) {
        void deleteIt(job.href).catch(() => undefined); // cancelled while it was starting
        return;
      }
      href = job.href;
      for (;;) {
        if (following !== mine) return;
        if (!section.isConnected) {
          cancelJob();
          return;
        }
        const j = await getJson<Job>(job.href);
        if (following !== mine) return;
        progress.value = j.progress;
        if (j.status === 'running') {
          state.textContent = `Drawing: ${Math.round(100 * j.progress)}% of ${fmtNumber(n)} draws.`;
          await sleep(400);
          continue;
        }
        href = '';
        if (j.status === 'failed' || !j.result) {
          stop(`The run failed: ${j.error ?? 'no result'}`);
          return;
        }
        stop(`Done: ${fmtNumber(j.result.draws)} draws on ${j.result.scenario}, seed ${j.result.seed}.`);
        out.replaceChildren(...results(j.result));
        return;
      }
    } catch (err) {
      if (following !== mine) return;
      const busy = err instanceof ApiError && err.status === 503;
      stop(busy ? `The server is running as many jobs as it runs at once: try again in a few seconds. (${(err as Error).message})` : `The run could not be started: ${(err as Error).message}`);
    }
  });
  sync();
  section = h('section', { 'aria-labelledby': 'h-mc' }, h('h2', { id: 'h-mc' }, 'Monte Carlo'), target, form, progress, state, out);
  return { section, sync };
}

const OUTCOMES: [string, string, string][] = [
  ['magnets_ex_china', 'Magnets made outside China', 't magnet'],
  ['supply_ex_china', 'Magnets available outside China', 't magnet'],
  ['magnets_world', 'Magnets made in the world', 't magnet'],
  ['ndpr_ex_china', 'NdPr oxide outside China', 't'],
  ['dy_ex_china', 'Dy oxide outside China', 't'],
  ['tb_ex_china', 'Tb oxide outside China', 't'],
];

function results(r: MonteCarloResult): HTMLElement[] {
  const figures = OUTCOMES.filter(([k]) => r.distributions[k] && r.histograms?.[k]).map(([k, title, unit]) =>
    histogramFigure(title, unit, r.histograms![k], r.distributions[k]));
  const rows = OUTCOMES.filter(([k]) => r.distributions[k]).map(([k, title]) => {
    const d = r.distributions[k];
    return h('tr', {}, h('th', { scope: 'row' }, title), ...[d.p5, d.p50, d.p95, d.mean].map((v) => h('td', { class: 'num' }, fmtNumber(v))));
  });
  const lines = [`On average ${fmtNumber(r.mean_facilities_hit, 1)} facilities were hit per draw.`];
  if (r.reference_level_magnets_ex_china > 0)
    lines.push(`Magnets made outside China fell below the reference level of ${fmtNumber(r.reference_level_magnets_ex_china)} t (not demand) in ${fmtNumber(100 * r.p_shortfall, 1)}% of draws.`);
  if (r.use_ex_china !== undefined && r.p_use_not_met !== undefined)
    lines.push(`Magnets available outside China fell below the use there (${fmtNumber(r.use_ex_china)} t) in ${fmtNumber(100 * r.p_use_not_met, 1)}% of draws.`);
  return [
    ...lines.map((l) => h('p', {}, l)),
    h('div', { class: 'hists' }, ...figures),
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Percentiles' },
      h('table', { class: 'data percentiles' }, h('caption', {}, 'Percentiles over the draws (t)'),
        h('thead', {}, h('tr', {}, ...['Outcome', 'P5', 'P50', 'P95', 'Mean'].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
        h('tbody', {}, ...rows))),
  ];
}

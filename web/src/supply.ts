// Supply view: each stage's output and capacity split into China,
// China-controlled elsewhere and the rest of the world (GET /v1/chain, the
// baseline), as stacked bars drawn in SVG.
import { getJson } from './api';
import { fmtNumber, h, notice, s } from './dom';

interface Group {
  output: number;
  capacity: number;
}
interface Stage {
  stage: string;
  unit: string;
  capacity: number;
  output: number;
  groups: Record<string, Group>;
}
interface Chain {
  label: string;
  year: number;
  stages: Stage[];
}

// Okabe-Ito colours (distinct under the common colour-vision deficiencies).
const GROUPS: [string, string, string][] = [
  ['China', 'China', '#d55e00'],
  ['China-controlled', 'China-controlled elsewhere', '#e69f00'],
  ['Rest', 'Rest of the world', '#0072b2'],
];

function shares(stage: Stage, measure: 'output' | 'capacity'): [string, number][] {
  const total = GROUPS.reduce((t, [k]) => t + (stage.groups[k]?.[measure] ?? 0), 0);
  return GROUPS.map(([k, name]) => [name, total ? Math.round((100 * (stage.groups[k]?.[measure] ?? 0)) / total) : 0]);
}

function bar(stage: Stage, measure: 'output' | 'capacity'): SVGElement {
  const total = GROUPS.reduce((t, [k]) => t + (stage.groups[k]?.[measure] ?? 0), 0);
  const svg = s('svg', { viewBox: '0 0 100 6', preserveAspectRatio: 'none', class: 'bar', role: 'img', 'aria-label': `${stage.stage} ${measure}: ${shares(stage, measure).map(([n, p]) => `${n} ${p}%`).join(', ')}` });
  let x = 0;
  for (const [k, , color] of GROUPS) {
    const w = total ? (100 * (stage.groups[k]?.[measure] ?? 0)) / total : 0;
    if (w > 0) svg.append(s('rect', { x, y: 0, width: w, height: 6, fill: color }));
    x += w;
  }
  return svg;
}

// "China 68% · China-controlled 1% · rest 31%"
function percent(stage: Stage, measure: 'output' | 'capacity'): string {
  const [china, controlled, rest] = shares(stage, measure).map(([, p]) => p);
  return `China ${china}% · China-controlled ${controlled}% · rest ${rest}%`;
}

export async function supplyView(main: HTMLElement): Promise<void> {
  main.replaceChildren(h('h1', {}, 'Supply chain'), notice('Solving the baseline model…'));
  let chain: Chain;
  try {
    chain = await getJson<Chain>('/v1/chain');
  } catch (e) {
    main.replaceChildren(h('h1', {}, 'Supply chain'), notice(`The supply model could not be read: ${(e as Error).message}`, 'error'));
    return;
  }
  const legend = h('ul', { class: 'legend' }, ...GROUPS.map(([, name, color]) => {
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.backgroundColor = color;
    return h('li', {}, sw, h('b', {}, name));
  }));
  const rows = chain.stages.map((st) =>
    h('section', { class: 'stage', 'aria-label': st.stage.replace(/_/g, ' ') },
      h('h2', {}, st.stage.replace(/_/g, ' ')),
      h('p', { class: 'meta' }, `output ${fmtNumber(st.output)} ${st.unit} · capacity ${fmtNumber(st.capacity)} ${st.unit}`),
      h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, 'Output'), bar(st, 'output'), h('span', { class: 'bar-text', 'aria-hidden': 'true' }, percent(st, 'output'))),
      h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, 'Capacity'), bar(st, 'capacity'), h('span', { class: 'bar-text', 'aria-hidden': 'true' }, percent(st, 'capacity'))),
    ));
  main.replaceChildren(h('h1', {}, 'Supply chain'), h('p', { class: 'meta' }, `Model ${chain.label}, ${chain.year}: where each stage's output and capacity are, by location and control.`), legend, ...rows);
}

// The mines-to-magnets Sankey: d3-sankey lays the bands out (it computes
// positions only and touches no DOM, so the CSP's ban on style attributes
// does not bite); the SVG is built here with attributes. Every node and
// band is focusable and shows its tonnes (and its change against the
// baseline, when a scenario is drawn) on hover or focus; a table under the
// diagram says the same for screen readers and small screens.
import { sankey, sankeyLinkHorizontal, SankeyGraph, SankeyLink, SankeyNode } from 'd3-sankey';
import { Flows, GroupKey, GROUPS, SankeyBand, groupColor, groupName, kColumns, signed, stageColumn, stageName } from './chain';
import { fmtNumber, h, s } from './dom';
import { hideTip, showTip } from './tip';

interface NodeExtra {
  id: string;
  stage: string;
  group: GroupKey;
}
interface LinkExtra {
  band: SankeyBand;
}
type Node = SankeyNode<NodeExtra, LinkExtra>;
type Link = SankeyLink<NodeExtra, LinkExtra>;

const nodeId = (stage: string, group: string): string => `${stage}|${group}`;
const bandId = (b: SankeyBand): string => `${nodeId(b.from_stage, b.from_group)}>${nodeId(b.to_stage, b.to_group)}`;
const groupOrder = (g: GroupKey): number => GROUPS.findIndex(([k]) => k === g);

// Bands from one stage to a later one are drawn; those inside a stage
// (separated oxides sent on to another separator, metal to an alloy maker)
// would loop back and are listed in the table only.
export function drawnBands(flows: Flows): SankeyBand[] {
  return flows.sankey.filter((b) => b.tonnes > 0 && stageColumn(b.from_stage) < stageColumn(b.to_stage));
}

// What a node stands for: the stage's output in that group, in the stage's
// unit, else the tonnes that pass through it.
function nodeFigure(flows: Flows, n: { stage: string; group: GroupKey; value?: number }): [number, string] {
  const st = flows.stages.find((x) => x.stage === n.stage);
  const made = st?.groups[n.group]?.output ?? 0;
  if (st && made > 0) return [made, st.unit];
  return [n.value ?? 0, 't'];
}

function tipContent(title: string, lines: string[]): HTMLElement {
  return h('div', {}, h('p', { class: 'tip-label' }, title), ...lines.map((l) => h('p', {}, l)));
}

function focusable(el: SVGElement, label: string, content: () => HTMLElement): void {
  el.setAttribute('tabindex', '-1');
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  const show = (): void => showTip(el, content());
  const hide = (): void => hideTip(el);
  el.addEventListener('mouseenter', show);
  el.addEventListener('focus', show);
  el.addEventListener('mouseleave', hide);
  el.addEventListener('blur', hide);
}

// The diagram for `flows` (a scenario's or the baseline's), `width` CSS
// pixels wide (at least 640: on a phone it scrolls sideways). `baseline`,
// when given, is what each figure's change is counted against.
export function sankeySvg(flows: Flows, baseline: Flows | null, width: number): SVGElement {
  const W = Math.max(640, Math.round(width));
  const H = 440;
  const top = 30;
  const labelRoom = 92;
  const bands = drawnBands(flows);
  const nodes = new Map<string, NodeExtra>();
  for (const b of bands) {
    nodes.set(nodeId(b.from_stage, b.from_group), { id: nodeId(b.from_stage, b.from_group), stage: b.from_stage, group: b.from_group });
    nodes.set(nodeId(b.to_stage, b.to_group), { id: nodeId(b.to_stage, b.to_group), stage: b.to_stage, group: b.to_group });
  }
  const graph: SankeyGraph<NodeExtra, LinkExtra> = {
    nodes: [...nodes.values()].map((n) => ({ ...n })),
    links: bands.map((b) => ({ source: nodeId(b.from_stage, b.from_group), target: nodeId(b.to_stage, b.to_group), value: b.tonnes, band: b })),
  };
  const svg = s('svg', { class: 'sankey', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'group', 'aria-label': 'Flows from mines to magnets' });
  // Column headings (the stages), at fixed places so that a redraw moves
  // bands, not columns.
  const x0 = 4;
  const x1 = W - labelRoom;
  const nodeW = 12;
  const step = (x1 - x0 - nodeW) / (kColumns - 1);
  const heads: string[][] = [['Mining'], ['Concen-', 'tration'], ['Cracking,', 'leaching'], ['Separation,', 'recycling'], ['Metal,', 'alloy'], ['Magnets']];
  heads.forEach((lines, c) => {
    const t = s('text', { x: x0 + c * step, y: 11, class: 'col-head' });
    lines.forEach((line, i) => t.append(s('tspan', { x: x0 + c * step, dy: i ? 12 : 0 }, line)));
    svg.append(t);
  });
  if (!bands.length) return svg;
  const layout = sankey<NodeExtra, LinkExtra>()
    .nodeId((n) => n.id)
    .nodeWidth(nodeW)
    .nodePadding(16)
    .nodeAlign((n) => stageColumn(n.stage))
    .nodeSort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.stage.localeCompare(b.stage))
    .linkSort(null)
    .extent([
      [x0, top],
      [x1, H - 6],
    ]);
  const { nodes: laid, links } = layout(graph);
  // Every stage in its own column, whatever depth d3-sankey found.
  for (const n of laid) {
    n.x0 = x0 + stageColumn(n.stage) * step;
    n.x1 = n.x0 + nodeW;
  }
  const before = new Map((baseline ? drawnBands(baseline) : []).map((b) => [bandId(b), b.tonnes]));
  const path = sankeyLinkHorizontal<NodeExtra, LinkExtra>();
  const bandLayer = s('g', { class: 'bands' });
  for (const l of links as Link[]) {
    const b = l.band;
    const name = `${stageName(b.from_stage)}, ${groupName(b.from_group)} to ${stageName(b.to_stage)}, ${groupName(b.to_group)}`;
    const was = before.get(bandId(b)) ?? 0;
    const change = baseline ? ` (${signed(b.tonnes - was)} t against the baseline)` : '';
    const el = s('path', {
      d: path(l) ?? '',
      fill: 'none',
      stroke: groupColor(b.from_group),
      'stroke-opacity': 0.4,
      'stroke-width': Math.max(1, l.width ?? 1),
      class: 'band',
      'data-band': bandId(b),
    });
    focusable(el, `${name}: ${fmtNumber(b.tonnes)} t${change}`, () =>
      tipContent(name, [`${fmtNumber(b.tonnes)} t${baseline ? `, baseline ${fmtNumber(was)} t` : ''}`]),
    );
    bandLayer.append(el);
  }
  svg.append(bandLayer);
  const nodeLayer = s('g', { class: 'nodes' });
  for (const n of laid as Node[]) {
    const [value, unit] = nodeFigure(flows, n);
    const name = `${stageName(n.stage)}, ${groupName(n.group)}`;
    let change = '';
    if (baseline) {
      const old = baseline.stages.find((x) => x.stage === n.stage)?.groups[n.group]?.output ?? 0;
      if (unit !== 't') change = ` (${signed(value - old)} ${unit} against the baseline)`;
    }
    const g = s('g', { class: 'node', 'data-node': n.id });
    const height = Math.max(1.5, (n.y1 ?? 0) - (n.y0 ?? 0));
    g.append(s('rect', { x: n.x0 ?? 0, y: n.y0 ?? 0, width: nodeW, height, fill: groupColor(n.group) }));
    if (height >= 9 || step >= 150) {
      g.append(s('text', { x: (n.x1 ?? 0) + 3, y: (n.y0 ?? 0) + Math.min(height, 24) / 2 + 4, class: 'node-label' }, `${fmtNumber(value)} t`));
    }
    focusable(g, `${name}: ${fmtNumber(value)} ${unit}${change}`, () => tipContent(name, [`${fmtNumber(value)} ${unit}${change}`]));
    nodeLayer.append(g);
  }
  svg.append(nodeLayer);
  rove(svg, [...nodeLayer.children, ...bandLayer.children] as SVGElement[]);
  return svg;
}

// One Tab stop for the whole diagram (its first block); the arrow keys,
// Home and End move between the blocks, then the bands.
function rove(svg: SVGElement, items: SVGElement[]): void {
  if (!items.length) return;
  items[0].setAttribute('tabindex', '0');
  svg.addEventListener('keydown', (e) => {
    const i = items.indexOf(e.target as SVGElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const j = Math.max(0, Math.min(items.length - 1, next));
    items[i].setAttribute('tabindex', '-1');
    items[j].setAttribute('tabindex', '0');
    items[j].focus();
  });
}

// The bands as a table: from, to, tonnes (and the change against the
// baseline), the ones inside a stage too.
export function sankeyTable(flows: Flows, baseline: Flows | null): HTMLTableElement {
  const before = new Map((baseline?.sankey ?? []).map((b) => [bandId(b), b.tonnes]));
  const ids = new Set(flows.sankey.map(bandId));
  // A band the scenario ends is listed with 0 t.
  const rows = [...flows.sankey, ...(baseline?.sankey ?? []).filter((b) => !ids.has(bandId(b))).map((b) => ({ ...b, tonnes: 0 }))];
  rows.sort((a, b) => stageColumn(a.from_stage) - stageColumn(b.from_stage) || groupOrder(a.from_group) - groupOrder(b.from_group) ||
    stageColumn(a.to_stage) - stageColumn(b.to_stage) || groupOrder(a.to_group) - groupOrder(b.to_group));
  const head = ['From', 'To', 'Tonnes'].concat(baseline ? ['Baseline', 'Change'] : []);
  return h('table', { class: 'data flows' },
    h('caption', {}, 'Every band of the diagram (tonnes of each stage\'s output; those within one stage are not drawn)'),
    h('thead', {}, h('tr', {}, ...head.map((c, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, c)))),
    h('tbody', {}, ...rows.map((b) => {
      const within = stageColumn(b.from_stage) >= stageColumn(b.to_stage);
      const was = before.get(bandId(b)) ?? 0;
      return h('tr', {},
        h('td', {}, `${stageName(b.from_stage)}, ${groupName(b.from_group)}`),
        h('td', {}, `${stageName(b.to_stage)}, ${groupName(b.to_group)}${within ? ' (within the stage)' : ''}`),
        h('td', { class: 'num' }, fmtNumber(b.tonnes)),
        baseline ? h('td', { class: 'num' }, fmtNumber(was)) : null,
        baseline ? h('td', { class: 'num' }, signed(b.tonnes - was)) : null);
    })));
}

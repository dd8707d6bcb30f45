// A Monte Carlo outcome as a histogram (the job's equal-width bins) with
// lines at P5, P50 and P95; each bar says its range and count on hover and
// in its <title>, and the figure's label gives the percentiles in words.
import { Distribution, Histogram } from './chain';
import { fmtNumber, h, s } from './dom';

export function histogramFigure(title: string, unit: string, hist: Histogram, d: Distribution): HTMLElement {
  const W = 320;
  const H = 150;
  const padL = 6;
  const padR = 6;
  const top = 28;
  const base = H - 30;
  const n = hist.counts.length;
  const most = Math.max(1, ...hist.counts);
  const lo = hist.low;
  const hi = hist.low + hist.width * n;
  const span = hi > lo ? hi - lo : 1;
  const x = (v: number): number => padL + ((v - lo) / span) * (W - padL - padR);
  const svg = s('svg', {
    class: 'hist',
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': `${title}: P5 ${fmtNumber(d.p5)} ${unit}, median (P50) ${fmtNumber(d.p50)} ${unit}, P95 ${fmtNumber(d.p95)} ${unit}, from ${fmtNumber(d.min)} to ${fmtNumber(d.max)} ${unit}`,
  });
  const bw = (W - padL - padR) / n;
  hist.counts.forEach((c, i) => {
    const bh = ((base - top) * c) / most;
    const from = lo + i * hist.width;
    const r = s('rect', { x: padL + i * bw + 0.5, y: base - bh, width: Math.max(0.5, bw - 1), height: bh, class: 'hist-bar' });
    r.append(s('title', {}, `${fmtNumber(from)} to ${fmtNumber(from + hist.width)} ${unit}: ${c} draw${c === 1 ? '' : 's'}`));
    svg.append(r);
  });
  svg.append(s('line', { x1: padL, x2: W - padR, y1: base, y2: base, class: 'axis' }));
  const markers: [string, number][] = [['P5', d.p5], ['P50', d.p50], ['P95', d.p95]];
  for (const [name, v] of markers) {
    const mx = x(v);
    const line = s('line', { x1: mx, x2: mx, y1: name === 'P50' ? 13 : top - 3, y2: base, class: name === 'P50' ? 'marker median' : 'marker' });
    line.append(s('title', {}, `${name}: ${fmtNumber(v)} ${unit}`));
    svg.append(line);
    const anchor = mx < 30 ? 'start' : mx > W - 30 ? 'end' : 'middle';
    // P50 above P5 and P95, whose labels may sit close to it.
    svg.append(s('text', { x: mx, y: name === 'P50' ? 10 : 22, 'text-anchor': anchor, class: 'marker-label' }, name));
  }
  svg.append(s('text', { x: padL, y: H - 12, class: 'tick' }, fmtNumber(lo)));
  svg.append(s('text', { x: W - padR, y: H - 12, 'text-anchor': 'end', class: 'tick' }, `${fmtNumber(hi)} ${unit}`));
  return h('figure', { class: 'hist-figure' }, svg,
    h('figcaption', {}, h('b', {}, title), ` · P5 ${fmtNumber(d.p5)} · P50 ${fmtNumber(d.p50)} · P95 ${fmtNumber(d.p95)} ${unit}`));
}

// One tooltip for every highlighted span: shown on hover, focus or tap,
// hidden on leaving, blur or Escape; the span points to it with
// aria-describedby while it is shown.
let owner: Element | null = null;

function tip(): HTMLElement {
  return document.getElementById('tip') as HTMLElement;
}

export function showTip(anchor: Element, content: HTMLElement): void {
  const t = tip();
  if (owner && owner !== anchor) owner.removeAttribute('aria-describedby');
  owner = anchor;
  t.replaceChildren(content);
  t.hidden = false;
  anchor.setAttribute('aria-describedby', 'tip');
  const r = anchor.getBoundingClientRect();
  const width = Math.min(360, document.documentElement.clientWidth - 16);
  t.style.width = `${width}px`;
  const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
  t.style.left = `${left}px`;
  t.style.top = `${r.bottom + window.scrollY + 6}px`;
}

export function hideTip(anchor?: Element): void {
  if (anchor && anchor !== owner) return;
  owner?.removeAttribute('aria-describedby');
  owner = null;
  tip().hidden = true;
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') hideTip();
});

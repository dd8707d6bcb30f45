// The web app of `assay serve`: three views behind client-side routes whose
// URLs are permalinks (the server answers index.html for each):
//   /            paste an article        /a/{key}   a stored article
//   /stories     the stories             /s/{id}    one story
//   /supply      the supply chain's stages
import './style.css';
import { articleView } from './article';
import { storiesView, storyView } from './stories';
import { supplyView } from './supply';
import { hideTip } from './tip';

type View = (main: HTMLElement, m: RegExpMatchArray) => Promise<void>;

const ROUTES: [RegExp, string, View][] = [
  [/^\/$/, 'article', (main) => articleView(main, null)],
  [/^\/a\/([A-Za-z0-9._-]+)$/, 'article', (main, m) => articleView(main, m[1])],
  [/^\/stories$/, 'stories', (main) => storiesView(main)],
  [/^\/s\/(\d+)$/, 'stories', (main, m) => storyView(main, m[1])],
  [/^\/supply$/, 'supply', (main) => supplyView(main)],
];

const TITLES: Record<string, string> = { article: 'Article', stories: 'Stories', supply: 'Supply chain' };

async function show(focus: boolean): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  hideTip();
  const path = location.pathname;
  for (const [re, view, render] of ROUTES) {
    const m = path.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
      if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = `${TITLES[view]} · assay`;
    await render(main, m);
    if (focus) main.focus();
    return;
  }
  main.replaceChildren();
  const h1 = document.createElement('h1');
  h1.textContent = 'Not found';
  main.append(h1);
}

// Same-origin links change the view without a page load.
document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest?.('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.hash) return;
  e.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) history.pushState(null, '', url);
  void show(true);
});
window.addEventListener('popstate', () => void show(true));
void show(false);

// Story view: the stories of the store (GET /v1/stories, with filters and
// cursor pages) and one story (/s/{id} -> GET /v1/stories/{id}): a timeline
// of its versions with origin / echo / independent badges and fidelity, the
// claims across versions, what each retelling kept or dropped (caveats,
// credit), the on-record statements and the background.
import { Comparison, Page, Story, StoryMember, StoryResponse, getJson } from './api';
import { h, notice } from './dom';

const ROLE_TEXT: Record<string, string> = {
  origin: 'Origin',
  echo: 'Echo',
  independent: 'Independent',
};

function badge(m: StoryMember): HTMLElement {
  const copy = m.duplicate_of ? h('span', { class: 'badge copy' }, 'Copy') : '';
  return h('span', { class: 'badges' }, h('span', { class: `badge ${m.role}` }, ROLE_TEXT[m.role] ?? m.role), copy);
}

export async function storiesView(main: HTMLElement): Promise<void> {
  main.replaceChildren(h('h1', {}, 'Stories'));
  const entity = h('input', { id: 'f-entity', name: 'entity', type: 'text', autocomplete: 'off' });
  const outlet = h('input', { id: 'f-outlet', name: 'outlet', type: 'text', autocomplete: 'off' });
  const since = h('input', { id: 'f-since', name: 'since', type: 'text', placeholder: 'YYYY-MM-DD', inputmode: 'numeric', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter stories' },
    h('div', {}, h('label', { for: 'f-entity' }, 'Entity'), entity),
    h('div', {}, h('label', { for: 'f-outlet' }, 'Outlet'), outlet),
    h('div', {}, h('label', { for: 'f-since' }, 'Since'), since),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter')),
  );
  const list = h('ol', { class: 'stories' });
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More stories');
  main.append(form, status, list, more);
  let cursor: string | null = null;
  const load = async (reset: boolean) => {
    if (reset) {
      list.replaceChildren();
      cursor = null;
    }
    status.replaceChildren();
    try {
      const params: Record<string, string> = { entity: entity.value.trim(), outlet: outlet.value.trim(), since: since.value.trim(), limit: '20' };
      if (cursor) params.cursor = cursor;
      const page = await getJson<Page<Story>>('/v1/stories', params);
      for (const s of page.items) list.append(storyItem(s));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      if (!list.children.length) status.append(notice('No stories match: the store groups articles into stories as they are ingested (assay ingest).'));
    } catch (e) {
      status.append(notice(`The stories could not be listed: ${(e as Error).message}`, 'error'));
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(true);
  });
  more.addEventListener('click', () => void load(false));
  await load(true);
}

function storyItem(s: Story): HTMLElement {
  const roles = (r: string) => s.members.filter((m) => m.role === r).length;
  const outlets = new Set(s.members.map((m) => m.outlet)).size;
  return h(
    'li',
    {},
    h('a', { href: `/s/${s.id}` }, s.title || `Story ${s.id}`),
    h('p', { class: 'meta' }, `${s.first_published} · first reported by ${s.origin.outlet || 'an unknown outlet'} · ${s.members.length} version${s.members.length === 1 ? '' : 's'} in ${outlets} outlet${outlets === 1 ? '' : 's'} · ${roles('echo')} echo${roles('echo') === 1 ? '' : 'es'}, ${roles('independent')} independent`),
  );
}

function fidelity(m: StoryMember): HTMLElement {
  if (m.fidelity === null) return h('span', { class: 'fidelity' }, 'the version others are measured against');
  return h(
    'span',
    { class: 'fidelity' },
    h('meter', { min: 0, max: 100, low: 40, high: 70, optimum: 100, value: m.fidelity, 'aria-label': `Fidelity ${m.fidelity} of 100` }),
    ` fidelity ${m.fidelity}/100`,
  );
}

export async function storyView(main: HTMLElement, id: string): Promise<void> {
  main.replaceChildren(h('h1', {}, `Story ${id}`), notice('Loading the story…'));
  let r: StoryResponse;
  try {
    r = await getJson<StoryResponse>(`/v1/stories/${encodeURIComponent(id)}`);
  } catch (e) {
    main.replaceChildren(h('h1', {}, `Story ${id}`), notice(`Could not open this story: ${(e as Error).message}`, 'error'));
    return;
  }
  const s = r.story;
  const links = new Map(r.links.members.map((l, i) => [s.members[i]?.id ?? l.id, l]));
  const comparison = new Map<string, Comparison>((s.comparison ?? []).map((c) => [c.member, c]));
  const c = s.corroboration;
  const head = [
    h('h1', {}, s.title || `Story ${s.id}`),
    h('p', { class: 'meta' }, `First published ${s.first_published} by ${s.origin.outlet || 'an unknown outlet'}: ${s.origin.why}.`),
    c
      ? h('p', { class: 'corroboration' }, `${c.members} versions in ${c.outlets} outlets: ${c.echoes} echo${c.echoes === 1 ? '' : 'es'}, ${c.independent_confirmations} independent confirmation${c.independent_confirmations === 1 ? '' : 's'}, ${c.anonymous_members} resting on unnamed sources.`)
      : '',
  ];
  const members = [...s.members].sort((a, b) => a.published.localeCompare(b.published));
  const timeline = h(
    'ol',
    { class: 'timeline', 'aria-label': 'Versions by date' },
    ...members.map((m) => {
      const link = links.get(m.id);
      const cmp = comparison.get(m.id);
      const notes = cmp ? [...cmp.notes, ...cmp.added_names.map((n) => `names ${n}, whom the origin does not`), ...cmp.added_figures.map((f) => `adds the figure ${f}`)] : [];
      return h(
        'li',
        { class: `version ${m.role}` },
        h('time', { datetime: m.published }, m.published),
        h('div', { class: 'version-body' },
          h('p', { class: 'version-head' }, badge(m), h('span', { class: 'outlet' }, m.outlet)),
          h('p', { class: 'version-title' }, link ? h('a', { href: link.permalink }, m.title || m.id) : m.title || m.id),
          fidelity(m),
          cmp && !cmp.credit_kept && m.role !== 'origin' ? h('p', { class: 'warn' }, 'Does not credit the origin.') : '',
          notes.length ? h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, n))) : '',
          cmp && cmp.dropped.length
            ? h('details', {}, h('summary', {}, `${cmp.dropped.length} sentence${cmp.dropped.length === 1 ? '' : 's'} of the origin left out`), h('ul', {}, ...cmp.dropped.map((d) => h('li', {}, d))))
            : '',
        ),
      );
    }),
  );
  const sections: (HTMLElement | string)[] = [h('h2', {}, 'Timeline'), timeline];
  if (s.claims && s.claims.length) {
    const memberIds = members.map((m) => m.id);
    const table = h(
      'table',
      { class: 'claims' },
      h('caption', {}, 'Each claim as each version states it'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Claim'), ...members.map((m) => h('th', { scope: 'col' }, m.outlet)))),
      h('tbody', {}, ...s.claims.map((cl) => {
        const by = new Map(cl.versions.map((v) => [v.member, v]));
        return h('tr', { class: cl.differs ? 'differs' : '' }, h('th', { scope: 'row' }, cl.text, cl.verdict ? h('span', { class: `verdict v-${cl.verdict}` }, cl.verdict) : ''),
          ...memberIds.map((mid) => {
            const v = by.get(mid);
            return h('td', {}, v ? v.figure : '—', v && v.verdict ? h('span', { class: `verdict v-${v.verdict}` }, v.verdict) : '');
          }));
      })),
    );
    sections.push(h('h2', {}, 'Claims across versions'), h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Claims across versions' }, table));
  }
  const statements = (title: string, list: { outlet: string; published: string; text: string; denial: boolean }[] | undefined) =>
    list && list.length
      ? [h('h2', {}, title), h('ul', { class: 'statements' }, ...list.map((st) => h('li', {}, h('blockquote', {}, st.text), h('p', { class: 'meta' }, `${st.outlet}, ${st.published}${st.denial ? ' · a denial' : ''}`))))]
      : [];
  sections.push(...statements('On the record', s.on_record), ...statements('Background: said before the story', s.background_statements));
  if (s.background.length) {
    const bl = new Map(r.links.background.map((l) => [l.id, l]));
    sections.push(h('h3', {}, 'Earlier articles'), h('ul', { class: 'plain' }, ...s.background.map((b) => {
      const l = bl.get(b.id);
      return h('li', {}, l ? h('a', { href: l.permalink }, b.title || b.id) : b.title || b.id, h('span', { class: 'meta' }, ` ${b.outlet}, ${b.published}`));
    })));
  }
  if (s.critique) {
    const titles: Record<string, string> = { highlights: 'Highlights', holds_true: 'What holds true', shadows: 'Where shadows appear', bias: 'Bias between the lines', supply_chain: 'Why it matters for the supply chain', bottom_line: 'Bottom line' };
    const crit = h('aside', { class: 'critique', 'aria-labelledby': 'story-critique-h' }, h('h2', { id: 'story-critique-h' }, 'Critique'));
    for (const [k, title] of Object.entries(titles)) {
      const pts = (s.critique[k] ?? []) as unknown[];
      if (!pts.length) continue;
      crit.append(h('h3', {}, title), h('ul', {}, ...pts.map((p) => h('li', {}, typeof p === 'string' ? p : String((p as { text: string }).text)))));
    }
    main.replaceChildren(...head, h('div', { class: 'columns' }, h('section', { 'aria-label': 'Versions' }, ...sections), crit));
  } else {
    main.replaceChildren(...head, ...sections);
  }
}

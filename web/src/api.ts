// The server's API (docs/openapi.yaml), same origin: the CSP allows no other.

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function read<T>(r: Response): Promise<T> {
  const text = await r.text();
  if (!r.ok) {
    let detail = `${r.status} ${r.statusText}`;
    try {
      const p = JSON.parse(text) as { detail?: string };
      if (p.detail) detail = p.detail;
    } catch {
      // not a problem document: keep the status line
    }
    throw new ApiError(r.status, detail);
  }
  return JSON.parse(text) as T;
}

// `signal`: an AbortController's, so that a request a newer one replaces
// is dropped (fetch then rejects with an AbortError).
export async function getJson<T>(path: string, params: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  const url = q.toString() ? `${path}?${q}` : path;
  return read<T>(await fetch(url, { headers: { Accept: 'application/json' }, signal }));
}

// DELETE, for what answers 204 (a job cancelled).
export async function deleteIt(path: string): Promise<void> {
  const r = await fetch(path, { method: 'DELETE' });
  if (!r.ok) await read<unknown>(r);
}

export async function postText<T>(path: string, body: string, contentType: string): Promise<T> {
  return read<T>(await fetch(path, { method: 'POST', body, headers: { 'Content-Type': contentType, Accept: 'application/json' } }));
}

export type Span = [number, number];

export interface LabelStyle {
  label: string;
  name: string;
  color: string;
  definition: string;
}

export interface Evidence {
  label: string;
  span: Span;
  text: string;
  cue: string;
  note: string;
}

export interface Sentence {
  index: number;
  span: Span;
  paragraph: number;
  role: string;
  text: string;
  labels: string[];
  evidence: Evidence[];
}

export interface ClaimEvidence {
  row: string;
  source: string;
  value?: string;
}

export interface Claim {
  sentence: number;
  span: Span;
  text: string;
  kind: string;
  figure: string;
  verdict: string;
  reason: string;
  evidence: ClaimEvidence[];
}

export interface Points {
  id: string;
  title: string;
  points: { text: string }[];
}

export interface Analysis {
  schema: string;
  document: { id: string; title: string; outlet: string; published: string; url: string };
  sentences: Sentence[];
  claims: Claim[];
  assessment: {
    reporting: { score: number; components: { name: string; points: number; why: string }[] };
    claim_status: { level: string; score: number; basis: string };
    genre: string;
  };
  verification?: { checked: number; supported: number; contradicted: number; disputed: number; unverifiable: number };
  critique?: { verdict: string; sections: Points[] };
}

export interface ArticleItem {
  key: string;
  id: string;
  outlet: string;
  published: string;
  title: string;
}

export interface StoryMember {
  id: string;
  outlet: string;
  published: string;
  title: string;
  role: 'origin' | 'echo' | 'independent';
  fidelity: number | null;
  duplicate_of: string | null;
  similarity: number;
}

export interface Statement {
  member: string;
  outlet: string;
  published: string;
  text: string;
  denial: boolean;
}

export interface StoryClaim {
  text: string;
  kind: string;
  measure: string;
  subject: string;
  verdict: string;
  differs: boolean;
  versions: { member: string; figure: string; verdict: string }[];
}

export interface Comparison {
  member: string;
  role: string;
  fidelity: number | null;
  credit_kept: boolean;
  notes: string[];
  added_figures: string[];
  added_names: string[];
  dropped: string[];
}

export interface Story {
  id: number;
  title: string;
  first_published: string;
  origin: { outlet: string; member: string | null; why: string };
  members: StoryMember[];
  background: { id: string; outlet: string; published: string; title: string }[];
  entities: string[];
  corroboration?: { members: number; outlets: number; independent_confirmations: number; echoes: number; anonymous_members: number };
  claims?: StoryClaim[];
  comparison?: Comparison[];
  on_record?: Statement[];
  background_statements?: Statement[];
  critique?: Record<string, string[] | { text: string }[]>;
}

export interface Link {
  id: string;
  key: string;
  href: string;
  permalink: string;
}

export interface StoryResponse {
  story: Story;
  permalink: string;
  links: { members: Link[]; background: Link[] };
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

let labels: Promise<Map<string, LabelStyle>> | null = null;

// The label names, colours and definitions: data/labels.tsv as the server reads it.
export function labelStyles(): Promise<Map<string, LabelStyle>> {
  labels ??= getJson<{ labels: LabelStyle[] }>('/v1/labels').then((r) => new Map(r.labels.map((l) => [l.label, l])));
  return labels;
}

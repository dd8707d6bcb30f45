// The supply chain's JSON as the API gives it (docs/schema/chain.schema.json,
// docs/openapi.yaml): the summary, the shipped scenarios, a scenario against
// the baseline, and a Monte Carlo job.

export type GroupKey = 'China' | 'China-controlled' | 'Rest';

export interface Both {
  output: number;
  capacity: number;
}

// A stage's output and capacity, whole and by group.
export interface StageFlows {
  stage: string;
  unit: string;
  output: number;
  capacity: number;
  groups: Record<GroupKey, Both>;
}

// A band of the mines-to-magnets Sankey: tonnes of output from one
// (stage, group) to the next.
export interface SankeyBand {
  from_stage: string;
  from_group: GroupKey;
  to_stage: string;
  to_group: GroupKey;
  tonnes: number;
}

export interface Flows {
  stages: StageFlows[];
  sankey: SankeyBand[];
}

export interface Summary extends Flows {
  label: string;
  year: number;
  magnets: { world: number; ex_china: number };
}

export interface ScenarioParameter {
  name: string;
  default: number;
}

export interface ScenarioItem {
  name: string;
  title: string;
  parameters: ScenarioParameter[];
  href: string;
}

export interface Metric {
  key: string;
  unit: string;
  baseline: number;
  scenario: number;
  delta: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  parameters: Record<string, number>;
  metrics: Metric[];
  flows: Flows;
}

export interface Comparison {
  year: number;
  period?: string;
  baseline_flows: Flows;
  scenarios: ScenarioResult[];
}

export interface Distribution {
  mean: number;
  min: number;
  p5: number;
  p10: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
}

export interface Histogram {
  low: number;
  width: number;
  counts: number[];
}

export interface MonteCarloResult {
  scenario: string;
  year?: number;
  draws: number;
  seed: number;
  mean_facilities_hit: number;
  distributions: Record<string, Distribution>;
  histograms?: Record<string, Histogram>;
  reference_level_magnets_ex_china: number;
  p_shortfall: number;
  use_ex_china?: number;
  p_use_not_met?: number;
}

export interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  href: string;
  result?: MonteCarloResult;
  error?: string;
}

export interface JobStarted {
  id: string;
  status: 'running';
  href: string;
}

// Okabe-Ito colours (distinct under the common colour-vision deficiencies).
export const GROUPS: [GroupKey, string, string][] = [
  ['China', 'China', '#d55e00'],
  ['China-controlled', 'China-controlled elsewhere', '#e69f00'],
  ['Rest', 'Rest of the world', '#0072b2'],
];

export const groupName = (g: GroupKey): string => GROUPS.find(([k]) => k === g)?.[1] ?? g;
export const groupColor = (g: GroupKey): string => GROUPS.find(([k]) => k === g)?.[2] ?? '#767676';

const STAGE_NAMES: Record<string, string> = {
  mining: 'Mining',
  concentration: 'Concentration',
  cracking_leaching: 'Cracking and leaching',
  separation: 'Separation',
  metal_alloy: 'Metal and alloy',
  magnet: 'Magnets',
  recycling: 'Recycling',
};
export const stageName = (s: string): string => STAGE_NAMES[s] ?? s.replace(/_/g, ' ');

// The Sankey's column of a stage: recycling feeds metal making, so it
// stands beside separation (as in the HTML report's diagram).
const COLUMNS: Record<string, number> = { mining: 0, concentration: 1, cracking_leaching: 2, separation: 3, recycling: 3, metal_alloy: 4, magnet: 5 };
export const stageColumn = (s: string): number => COLUMNS[s] ?? 0;
export const kColumns = 6;

// "+1,234" / "−1,234" / "±0" (a true minus sign).
export function signed(v: number, digits = 0): string {
  const r = Number(v.toFixed(digits));
  if (r === 0) return '±0';
  const t = Math.abs(r).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return r > 0 ? `+${t}` : `−${t}`;
}

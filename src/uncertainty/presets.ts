/**
 * Evidence presets: named sets of distributions for the effects of coordination, which a scenario
 * selects with `uncertainty.preset` (and the command line with `--preset`). The two evidence
 * presets centre on the point values of `care.evidence` (src/care/parameters.ts) and set it; the
 * 'assumption' preset spans the range between them, for a reader who trusts neither.
 */
import { GROUP_IDS, type NeedGroupId, type ServiceId } from '../domain.js';
import { EFFECTS } from '../care/parameters.js';
import { ALTRUISM } from '../behaviour/parameters.js';
import type { Distribution } from './distributions.js';
import type { PaymentModel } from '../scenario/types.js';
import { rangeParameters } from './ranges.js';

export const PRESETS = ['controlled-trials', 'local-follow-ups', 'assumption'] as const;
export type PresetId = (typeof PRESETS)[number];

/** One uncertain parameter: where it is, how it is distributed, who says so, and its one-way range. */
export interface UncertainParameter {
  path: string;
  distribution: Distribution;
  source: string;
  low?: number;
  high?: number;
}

/** The scenario format's `uncertainty` section. */
export interface UncertaintySpec {
  preset?: PresetId;
  parameters?: UncertainParameter[];
  /** false: no default distributions from the model's sourced ranges (src/uncertainty/ranges.ts). Default true. */
  modelRanges?: boolean;
}

/** The services whose reduction by coordination the presets make uncertain: hospital use, where the evidence differs. */
const EFFECT_SERVICES: readonly ServiceId[] = ['admission', 'readmission', 'edVisit'];

const SOURCES: Record<PresetId, string> = {
  'controlled-trials': 'Randomised trials of single interventions: 0 to −12 % hospitalisation (care coaches, Swedish RCT arms; docs/sources.md: care-coach-rct); spread ASSUMPTION: sd 40 % of the point value',
  'local-follow-ups': "Swedish initiatives' own follow-ups: hospital care −50 to −80 % (docs/sources.md: lopare-johansson; Skaraborg and Hälsostaden, docs/sources.md: vardanalys-2017 ch. 5.5); spread ASSUMPTION: sd 11.5 % of the point value, so −65 % spans about −50 to −80 %",
  assumption: 'ASSUMPTION: anything between the randomised trials and the local follow-ups, equally likely (no evidence preferred)',
};

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The distribution of one effect under a preset, or undefined where the preset has no effect there. */
function effectDistribution(preset: PresetId, group: NeedGroupId, service: ServiceId): Distribution | undefined {
  const trial = EFFECTS['controlled-trials'][group][service] ?? 0;
  const local = EFFECTS['local-follow-ups'][group][service] ?? 0;
  if (preset === 'assumption') return local > trial ? { type: 'uniform', min: trial, max: local } : undefined;
  const v = preset === 'controlled-trials' ? trial : local;
  if (v <= 0) return undefined;
  return { type: 'beta', mean: v, sd: round(v * (preset === 'controlled-trials' ? 0.4 : 0.115)) };
}

const RESPONSE_SOURCE =
  "ASSUMPTION: the weight providers put on patients' benefit (Ellis & McGuire 1986, docs/sources.md: ellis-mcguire-1986), triangular over the range of src/behaviour/parameters.ts (0.2–1) with its mode at the provider's value";

/** The parts of a scenario the provider responses depend on. */
interface ScenarioShape {
  providers?: unknown;
  simulation?: unknown;
  response?: unknown;
  payment?: unknown;
}

/**
 * The uncertain parameters a preset gives: one per need group and hospital service it has an
 * effect for and, where the providers choose their behaviour (equilibrium or adaptive), each
 * provider's response to pay: its altruism.
 * @example presetParameters('local-follow-ups')[0].path // 'care.effects.complex-low-capacity.admission'
 */
export function presetParameters(preset: PresetId, scenario: ScenarioShape = {}): UncertainParameter[] {
  const out: UncertainParameter[] = [];
  for (const group of GROUP_IDS)
    for (const service of EFFECT_SERVICES) {
      const distribution = effectDistribution(preset, group, service);
      if (distribution) out.push({ path: `care.effects.${group}.${service}`, distribution, source: SOURCES[preset] });
    }
  const mode = (scenario.simulation as { behaviour?: string } | undefined)?.behaviour;
  if ((mode === 'equilibrium' || mode === 'adaptive') && Array.isArray(scenario.providers)) {
    scenario.providers.forEach((p: { behaviour?: { altruism?: unknown } }, i) => {
      const given = typeof p?.behaviour?.altruism === 'number' ? p.behaviour.altruism : ALTRUISM.default;
      const peak = Math.min(ALTRUISM.max, Math.max(ALTRUISM.min, given));
      out.push({ path: `providers[${i}].behaviour.altruism`, distribution: { type: 'triangular', min: ALTRUISM.min, mode: peak, max: ALTRUISM.max }, source: RESPONSE_SOURCE });
    });
  }
  return out;
}

/** The `care.evidence` a preset runs with; the 'assumption' preset keeps the scenario's. */
export function presetEvidence(preset: PresetId): 'controlled-trials' | 'local-follow-ups' | undefined {
  return preset === 'assumption' ? undefined : preset;
}

/**
 * The parameters of a scenario's uncertainty section: the defaults from the model's sourced ranges
 * (unless `modelRanges: false`; they need the payment models and the raw scenario, before its model
 * references are expanded), its preset's, and its own entries; for the same path its own entry wins
 * over the preset's, and the preset's over the default.
 * @example uncertainParameters(json.uncertainty, undefined, json, models).length
 */
export function uncertainParameters(spec: UncertaintySpec | undefined, presetOverride?: PresetId, scenario: ScenarioShape = {}, models?: Record<string, PaymentModel>): UncertainParameter[] {
  const preset = presetOverride ?? spec?.preset;
  const own = spec?.parameters ?? [];
  const fromPreset = preset ? presetParameters(preset, scenario).filter((p) => !own.some((o) => o.path === p.path)) : [];
  const taken = new Set([...own, ...fromPreset].map((p) => p.path));
  const defaults = models && spec?.modelRanges !== false ? rangeParameters(scenario, models).filter((p) => !taken.has(p.path)) : [];
  return [...defaults, ...fromPreset, ...own];
}

/**
 * The scenario file format (JSON, `schemaVersion` 1). These are the shapes after validation;
 * `validate.ts` turns untrusted JSON into them and reports every problem with its path.
 */
import type { NeedGroupId, PayerKind, ProviderType, ServiceId } from '../domain.js';
import type { UncertaintySpec } from '../uncertainty/presets.js';

export const SCHEMA_VERSION = 1;

export interface Source {
  id: string;
  citation: string;
  note?: string;
}

export interface Scenario {
  schemaVersion: typeof SCHEMA_VERSION;
  id: string;
  title: string;
  description: string;
  /** The question the scenario answers, in one sentence. */
  question?: string;
  /** What to look at in the results. */
  lookAt?: string;
  sources: Source[];
  population: PopulationSpec;
  payers: Payer[];
  providers: Provider[];
  pools?: Pool[];
  care?: CareSpec;
  payment: PaymentDesign;
  simulation: SimulationSettings;
  /** How providers respond to what the design pays (behaviour/parameters.ts RESPONSE: defaults, ranges, sources). */
  response?: ProviderResponse;
  /** The texts above in other languages, for readers of those languages (the web app in Swedish). */
  translations?: Partial<Record<TextLanguage, ScenarioTexts>>;
  /** Uncertain parameters and the evidence preset (src/uncertainty/); runs use the point values. */
  uncertainty?: UncertaintySpec;
}

/** Languages a scenario's or a model's texts can be given in besides English, the files' own. */
export const TEXT_LANGUAGES = ['sv'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

export interface ScenarioTexts {
  title?: string;
  description?: string;
  question?: string;
  lookAt?: string;
}

export interface ModelTexts {
  title?: string;
  description?: string;
  /** A parameter's description, by parameter name. */
  parameters?: Record<string, string>;
  /** A component's label, by the component template's id; "${name}" as in the English label. */
  labels?: Record<string, string>;
}

export interface Municipality {
  id: string;
  name: string;
  /** Share of the population living here; shares sum to 1. */
  share: number;
  /** Share of residents per CNI band 1–5; default: the population's `cniMix`. */
  cniMix?: number[];
}

export interface Listing {
  /** A primary-care provider id. */
  provider: string;
  /** Share of the population listed there; shares sum to 1. */
  share: number;
}

export interface PopulationSpec {
  /** Number of people simulated. */
  size: number;
  /** A population CSV (path relative to the scenario file); replaces the synthetic mix. */
  csv?: string;
  /** Age mix: 'sweden' (all ages, SCB) or 'elderly-65plus' (SCB T.9a), or shares per age band. */
  ages?: 'sweden' | 'elderly-65plus' | Record<string, number>;
  /** Overrides of the share of each need group per age band (rows: age band, columns: groups). */
  groupMix?: Record<string, number[]>;
  /** Share per CNI band 1–5. */
  cniMix?: number[];
  municipalities: Municipality[];
  listing: Listing[];
  /** Spread (σ of the log) of the lognormal frailty within need groups; larger = heavier cost tail. */
  frailtySigma?: number;
  /**
   * Person-level R² of the synthetic ACG-like weight against a year's realised cost (0–1; default
   * 0.3; ACG: 0.143 prospective, 0.377 concurrent, Engström et al. 2006). Imported scores replace it.
   */
  riskWeightR2?: number;
  /**
   * Population change over the run (ageing, new listings, moves); absent: a stationary population
   * (each death replaced by a newcomer of the same kind). Rates per person-year; defaults in
   * src/population/change.ts (SCB 2020 births and migration, SCB 2011 people turning 65).
   */
  change?: PopulationChangeSpec;
}

/** Yearly rates of population change; each absent rate takes its sourced default. */
export interface PopulationChangeSpec {
  /** People move up an age band over its years (default true). */
  ageing?: boolean;
  /** New people a year per person entering the youngest age band present (births, turning 65). */
  entry?: number;
  /** People moving in a year per person. */
  inMigration?: number;
  /** People moving away a year per person. */
  outMigration?: number;
}

export interface Payer {
  id: string;
  name: string;
  kind: PayerKind;
}

export interface BehaviourParameters {
  /** Weight on patient benefit (kr-equivalent per kr of profit), Ellis & McGuire 1986. */
  altruism?: number;
  /** Penalty per kr² of profit variance (risk aversion). */
  riskAversion?: number;
  /** Share of the gap to the best response closed per year (dynamics). */
  adjustmentSpeed?: number;
  /** Fixed cost per year (kr) of coordinating at all for a need group (routines, a team to set up). */
  setupCost?: number;
}

export interface ProviderResponse {
  /** Volume under fee-for-service relative to capitation, minus 1 (0.25 = +25 %). */
  feeForServiceVolume?: number;
  /** kr per person-year at full selection effort against a group. */
  selectionCost?: number;
  /** kr-equivalent harm to a patient turned away. */
  selectionHarm?: number;
  /** kr-equivalent of one QALY. */
  valuePerQaly?: number;
}

export interface Provider {
  id: string;
  name: string;
  type: ProviderType;
  /** The payer (huvudman) that owns the provider. */
  principal: string;
  /** Municipalities served; default: all. Primary care serves the people listed with it. */
  serves?: string[];
  /** Cost per unit of service (kr), overriding the defaults for its type. */
  unitCosts?: Partial<Record<ServiceId, number>>;
  /** Staff cost of coordination effort 1.0 per person-month in each need group (kr); effort e costs e² of it. */
  coordinationCost?: Partial<Record<NeedGroupId, number>>;
  /** Fixed cost per year (kr), borne whatever the volume. */
  fixedCostPerYear?: number;
  /** Places (beds) — used by per-place fees. */
  places?: number;
  behaviour?: BehaviourParameters;
}

export type SharingRule = 'equal' | 'by-cost' | 'by-activity' | { shares: Record<string, number> };

export interface Pool {
  id: string;
  name: string;
  members: string[];
  /** How money paid to the pool is passed on to its members. */
  sharing: SharingRule;
}

/** Per-provider setting: one number for every need group, or one per group. */
export type PerGroup = number | Partial<Record<NeedGroupId, number>>;

export interface CareSpec {
  /** Which effect sizes of coordination to use (docs/sources.md, "coordination at full scale"). */
  evidence?: 'controlled-trials' | 'local-follow-ups';
  /** Coordination effort e ∈ [0,1] per provider (input here; the behaviour model can choose it). */
  coordination?: Record<string, PerGroup>;
  /** Discretionary intensity per provider, a multiplier on the services it can influence (1 = as usual). */
  intensity?: Record<string, PerGroup>;
  /** CES substitution parameter of the team product: 1 perfect substitutes, 0 Cobb–Douglas, 'weakest-link' = min. */
  substitution?: number | 'weakest-link';
  /** Overrides of the base rates, per person-year, per need group and service. */
  rates?: Partial<Record<NeedGroupId, Partial<Record<ServiceId, number>>>>;
  /** Overrides of the reduction at full coordination (0–1), per need group and service. */
  effects?: Partial<Record<NeedGroupId, Partial<Record<ServiceId, number>>>>;
}

export type ComponentKind = 'fixed' | 'variable' | 'goal' | 'episode' | 'value' | 'shared-savings' | 'target-price';
export type Modification = 'weighting' | 'direct' | 'aggregation';
export type Settlement = 'month' | 'quarter' | 'year';

export interface PayerShare {
  payer: string;
  share: number;
}

export interface ComponentCommon {
  id: string;
  label?: string;
  description?: string;
  source?: string;
  /** The coordination modification this component stands for (Vårdanalys 2017, 4.2.2). */
  modification?: Modification;
  /** One payer id, or several sharing the cost (shares sum to 1, e.g. Finsam 50/25/25). */
  payer: string | PayerShare[];
  /** A provider id, a pool id, or 'participants' (each provider taking part in a joint activity). */
  payee: string;
  /** Only people in these need groups count (weighting: a target group). Default: all. */
  groups?: NeedGroupId[];
  /** Weight per person, a formula of age, sex, group, conditions, acg, cni (weighting). */
  weight?: string;
  /** First month the component pays, 'YYYY-MM'. Default: from the start. */
  start?: string;
  /** First month it no longer pays, 'YYYY-MM'. Default: never ends. */
  end?: string;
  settlement?: Settlement;
  /** Prospective: set beforehand from the forecast; retrospective: from what happened. */
  timing?: 'prospective' | 'retrospective';
  /** Most paid per settlement period (kr). */
  cap?: number;
  /** Least paid per settlement period (kr). */
  floor?: number;
  /** Outlier protection: the payer covers `share` of a person's yearly cost at the payee above `threshold` kr. */
  stopLoss?: { threshold: number; share: number };
  /** Risk corridor on the payee's yearly margin: beyond ±band × revenue, the payer takes/covers `share`. */
  riskCorridor?: { band: number; share: number };
  /** Withhold: `share` of each payment kept back during the year, returned at year end by a quality score. */
  withhold?: Withhold;
}

/** One goal indicator of a quality score: attainment 1 at the target, 0 short of it (or linear from a baseline). */
export interface QualityMeasure {
  indicator: IndicatorId;
  target: number;
  /** With a baseline, attainment rises linearly from 0 at the baseline to 1 at the target. */
  baseline?: number;
}

/** A withhold (src/payment/withhold.ts): `share` of each positive payment held back, returned at year end × the score of `quality`. */
export interface Withhold {
  share: number;
  quality: QualityMeasure[];
  /** Need groups whose indicators make the score (default: the component's). */
  groups?: NeedGroupId[];
}

export interface FixedComponent extends ComponentCommon {
  kind: 'fixed';
  /** lump: kr per year; per-person: kr per person-year; per-place: kr per place-year. */
  basis: 'lump' | 'per-person';
  amount: number;
  /** Which people a per-person amount counts: those listed with the payee, or all it serves. */
  population?: 'listed' | 'served';
}

export interface PerPlaceComponent extends ComponentCommon {
  kind: 'fixed';
  basis: 'per-place';
  amount: number;
}

export interface VariableComponent extends ComponentCommon {
  kind: 'variable';
  service: ServiceId | ServiceId[];
  /** fee: kr per unit done; drg: kr per DRG point per admission (prospective price); cost: share of the payee's cost. */
  pricing: 'fee' | 'drg' | 'cost';
  /** kr per unit (fee), kr per DRG point (drg), or the share of cost reimbursed (cost, 0–1). */
  price: number;
}

export type IndicatorId =
  | 'carePlanShare'
  | 'readmissionRate'
  | 'patientCoordination'
  | 'avoidableAdmissionRate'
  | 'edVisitRate'
  | 'adlIndependentShare'
  | 'directToStrokeUnitShare'
  | 'spendingPerMember';

export interface GoalComponent extends ComponentCommon {
  kind: 'goal';
  indicator: IndicatorId;
  target: number;
  /** The indicator before the contract (used by bonus curves). */
  baseline?: number;
  /** Bonus per settlement period at full attainment (kr), or per person-year when `perPerson`. */
  amount: number;
  perPerson?: boolean;
  /** Attainment in [0,1] as a formula of value, target, baseline; default: 1 when the target is met. */
  curve?: string;
  /** A deduction: the payee pays back amount × (1 − attainment) instead of receiving a bonus. */
  deduction?: boolean;
  /** Measured over the payee's own people, or over the whole system (aggregation). */
  scope?: 'payee' | 'system';
}

export interface EpisodeComponent extends ComponentCommon {
  kind: 'episode';
  /** What starts an episode: an (index) admission of a person in the component's groups. */
  trigger: 'admission';
  /** kr per episode. */
  price: number;
  windowMonths: number;
  /** Services inside the window that the package covers: no other fee is paid for them. */
  includedServices: ServiceId[];
}

export interface ValueOutcome {
  indicator: 'adlIndependent' | 'directToStrokeUnit';
  /** Share (0–1) at which the package pays its base price. */
  reference: number;
  /** kr per episode per percentage point above (or below) the reference. */
  valuePerPoint: number;
}

export interface ValueComponent extends ComponentCommon {
  kind: 'value';
  trigger: 'admission';
  price: number;
  windowMonths: number;
  includedServices: ServiceId[];
  outcomes: ValueOutcome[];
}

/**
 * Shared savings (delade besparingar): each year the payer compares the attributed population's
 * spending per member-month with a benchmark and shares the savings (and, two-sided, the losses)
 * beyond a minimum rate with the payee.
 */
export interface SharedSavingsComponent extends ComponentCommon {
  kind: 'shared-savings';
  /** kr per member-month in `benchmarkYear` (per case-mix weighted member-month when `riskAdjusted`). */
  benchmark: number;
  /** The calendar year the benchmark is for (the baseline year); default: the simulation's first year. */
  benchmarkYear?: number;
  /** Yearly growth of the benchmark from its year: benchmark × (1 + trend)^(year − benchmarkYear). */
  trend?: number;
  /** Spending and benchmark per case-mix weighted member-month (the scenario's ACG-like weights). */
  riskAdjusted?: boolean;
  /** Whose people count: those listed with the payee, or those making the plurality of their primary care visits there. */
  attribution?: 'listed' | 'visits';
  /** Providers whose services count as spending (default: every provider). */
  spendingProviders?: string[];
  /** Savings must reach this share of the benchmark before any is shared. */
  minimumSavingsRate?: number;
  /** The minimum savings rate from the attributed population's size (the MSSP table) instead. */
  msrBySize?: boolean;
  sharingRate: number;
  /** Most shared, as a share of benchmark spending. */
  savingsCap?: number;
  twoSided?: boolean;
  /** Losses must reach this share of the benchmark before any is owed (default: the minimum savings rate). */
  minimumLossRate?: number;
  /** Share of losses the payee pays back (default: the sharing rate). */
  lossSharingRate?: number;
  /** Most owed, as a share of benchmark spending. */
  lossCap?: number;
  /** Goal indicators whose score (mean attainment, 0–1) scales or gates the share of savings. */
  quality?: QualityMeasure[];
  /** scale: the share is multiplied by the quality score; floor: full share at a score of at least `qualityFloor`, none below. */
  qualityGate?: 'scale' | 'floor';
  qualityFloor?: number;
}

export interface TargetPriceComponent extends ComponentCommon {
  kind: 'target-price';
  trigger: 'admission';
  windowMonths: number;
  /** Services whose spending inside the window counts as episode spending (they keep their usual fees). */
  includedServices: ServiceId[];
  /** The provider's own historical spending per episode, kr. */
  historicalPrice: number;
  /** The region's average spending per episode, kr. */
  regionalPrice: number;
  /** Weight of the regional average in the blend (0–1). */
  regionalWeight: number;
  /** Discount taken off the blend (0–1). */
  discount: number;
  /** Most paid at reconciliation, as a share of target spending; absent: no limit. */
  stopGainRate?: number;
  /** Most collected at reconciliation, as a share of target spending; 0: upside only; absent: no limit. */
  stopLossRate?: number;
  /** Goal indicators whose score adjusts the reconciliation. */
  quality?: QualityMeasure[];
  /** Most the quality score moves the reconciliation (0–1): gains × (1 − a·(1 − score)), losses × (1 − a·score). */
  qualityAdjustment?: number;
}

export type PaymentComponent =
  | TargetPriceComponent
  | FixedComponent
  | PerPlaceComponent
  | VariableComponent
  | GoalComponent
  | EpisodeComponent
  | ValueComponent
  | SharedSavingsComponent;

/** A reference to a payment model in `models/`, with its parameters. */
export interface ModelReference {
  model: string;
  /** Prefix for the ids of the components the model expands to. */
  id: string;
  parameters: Record<string, number | string | string[] | PayerShare[]>;
}

export interface PaymentDesign {
  components: (PaymentComponent | ModelReference)[];
}

export interface SimulationSettings {
  /** First month simulated, 'YYYY-MM'. */
  start: string;
  years: number;
  /** Steps per year; the model is monthly. */
  stepsPerYear: 12;
  replications: number;
  seed: number;
  /**
   * How providers' coordination and intensity are set: 'fixed' as given in `care`; 'equilibrium'
   * the Nash equilibrium of the design, every year; 'adaptive' moving each year part of the way
   * towards their best response to that year's design (a grant lifts effort; it falls when it ends).
   */
  behaviour?: 'fixed' | 'equilibrium' | 'adaptive';
}

/** A payment model file in `models/`: a reusable, documented set of components with parameters. */
export interface PaymentModel {
  id: string;
  title: string;
  description: string;
  source: string;
  parameters: Record<string, ModelParameter>;
  /** Component templates; a string value "$name" is replaced by parameter `name`. */
  components: Record<string, unknown>[];
  translations?: Partial<Record<TextLanguage, ModelTexts>>;
}

export interface ModelParameter {
  description: string;
  unit?: string;
  default?: number | string | string[] | PayerShare[];
  min?: number;
  max?: number;
  /**
   * The range the value is known to lie in, with its source (narrower than min–max, which only
   * bound what the model accepts): the sensitivity analyses vary the parameter over it by default.
   */
  range?: { low: number; high: number; source: string };
}

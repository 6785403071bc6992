/**
 * The fixed vocabulary of the model: need groups, provider types, services, outcomes.
 * Everything that indexes a typed array by one of these uses the order given here.
 */

/**
 * The five need groups of Vårdanalys 2017 ch. 3.3.1 (docs/sources.md: vardanalys-2017).
 * Capacity to take part in one's own coordination is part of the definition of each group.
 * @example NEED_GROUPS[0].id // 'complex-low-capacity'
 */
export const NEED_GROUPS = [
  { id: 'complex-low-capacity', number: 1, label: 'Complex needs, little capacity to take part', capacity: 0.3 },
  { id: 'rapid-onset', number: 2, label: 'Rapid onset, many providers at once', capacity: 0.5 },
  { id: 'few-contacts-low-capacity', number: 3, label: 'Few care contacts, little capacity to take part', capacity: 0.3 },
  { id: 'complex-high-capacity', number: 4, label: 'Complex needs, good capacity to take part', capacity: 0.8 },
  { id: 'healthy', number: 5, label: 'Mostly healthy, no need of coordination', capacity: 1.0 },
] as const;
export type NeedGroupId = (typeof NEED_GROUPS)[number]['id'];
export const GROUP_COUNT = NEED_GROUPS.length;
export const GROUP_IDS: readonly NeedGroupId[] = NEED_GROUPS.map((g) => g.id);

/** Care Need Index bands: 1 = least need (affluent area) … 5 = most need (Sundquist et al. 2003). */
export const CNI_BANDS = 5;

/**
 * Provider types (Vårdanalys 2017 ch. 2; GLOSSARY.md).
 * @example PROVIDER_TYPES.includes('hospital') // true
 */
export const PROVIDER_TYPES = [
  'hospital',
  'primary-care',
  'home-health',
  'home-care',
  'nursing-home',
  'short-term-care',
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** Kinds of payer (huvudman or financier). */
export const PAYER_KINDS = ['region', 'municipality', 'state', 'joint'] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];

/**
 * Services, in the order every per-service array uses. `provider` is the type that delivers it;
 * `unit` names what one count is; `name` is what a reader sees. Coordination activities are services too: they cost staff time
 * and a design may pay for them (direct compensation).
 */
export const SERVICES = [
  { id: 'primaryVisit', provider: 'primary-care', unit: 'visit', coordination: false, name: { en: 'Primary care visit', sv: 'Besök på vårdcentral' } },
  { id: 'specialistVisit', provider: 'hospital', unit: 'visit', coordination: false, name: { en: 'Specialist visit', sv: 'Besök i öppen specialistvård' } },
  { id: 'edVisit', provider: 'hospital', unit: 'visit', coordination: false, name: { en: 'ED visit', sv: 'Besök på akutmottagning' } },
  { id: 'admission', provider: 'hospital', unit: 'admission', coordination: false, name: { en: 'Admission', sv: 'Inläggning' } },
  { id: 'readmission', provider: 'hospital', unit: 'admission', coordination: false, name: { en: 'Readmission', sv: 'Återinläggning' } },
  { id: 'homeHealthVisit', provider: 'home-health', unit: 'visit', coordination: false, name: { en: 'Home health visit', sv: 'Hemsjukvårdsbesök' } },
  { id: 'homeCareHour', provider: 'home-care', unit: 'hour', coordination: false, name: { en: 'Home care hour', sv: 'Hemtjänsttimme' } },
  { id: 'nursingHomeDay', provider: 'nursing-home', unit: 'day', coordination: false, name: { en: 'Nursing home day', sv: 'Dag i särskilt boende' } },
  { id: 'shortTermStay', provider: 'short-term-care', unit: 'stay', coordination: false, name: { en: 'Short-term stay', sv: 'Vistelse på korttidsplats' } },
  { id: 'sipMeeting', provider: 'primary-care', unit: 'meeting', coordination: true, name: { en: 'Joint care plan (SIP) meeting', sv: 'SIP-möte (samordnad individuell plan)' } },
  { id: 'dischargePlanning', provider: 'hospital', unit: 'plan', coordination: true, name: { en: 'Joint discharge planning', sv: 'Gemensam utskrivningsplanering' } },
  { id: 'mobileTeamVisit', provider: 'primary-care', unit: 'visit', coordination: true, name: { en: 'Mobile team visit', sv: 'Besök av mobilt team' } },
  { id: 'careCoachContact', provider: 'primary-care', unit: 'contact', coordination: true, name: { en: 'Care coach contact', sv: 'Kontakt med vårdcoach' } },
] as const satisfies readonly { id: string; provider: ProviderType; unit: string; coordination: boolean; name: { en: string; sv: string } }[];
export type ServiceId = (typeof SERVICES)[number]['id'];
export const SERVICE_COUNT = SERVICES.length;
export const SERVICE_IDS: readonly ServiceId[] = SERVICES.map((s) => s.id);
export const serviceIndex = (id: ServiceId): number => SERVICE_IDS.indexOf(id);
export const S = Object.fromEntries(SERVICE_IDS.map((id, i) => [id, i])) as Record<ServiceId, number>;

/**
 * Joint activities: every provider in the person's team takes part, so each participant bears its
 * staff cost and each can be paid a fee for it (SIP fee paid to each participating provider).
 */
export const JOINT_SERVICES: readonly ServiceId[] = ['sipMeeting', 'dischargePlanning'];
/** 1 for a joint service, by service index: read in settlement's inner loops. */
export const JOINT_SERVICES_INDEX: Uint8Array = Uint8Array.from(SERVICE_IDS, (id) => (JOINT_SERVICES.includes(id) ? 1 : 0));

/**
 * Outcome and indicator metrics recorded per month × catchment × need group × CNI band next to
 * service counts. Indicators for goal-based pay are ratios of these.
 */
export const OUTCOMES = [
  'personMonths', // people alive at the start of the month
  'deaths',
  'bedDays',
  'drgPoints', // sum of DRG weights of admissions and readmissions
  'daysAtHome',
  'qaly',
  'coordinationExperienced', // people who experienced their care as coordinated (survey), per month
  'carePlans', // people with a joint care plan (SIP) in force
  'avoidableAdmissions',
  'episodes', // episodes started (episode and value-based payment)
  'adlIndependent', // episodes ending ADL-independent at 3 months (Lind 2010)
  'directToStrokeUnit', // episodes admitted directly to the stroke unit (Lind 2010)
] as const;
export type OutcomeId = (typeof OUTCOMES)[number];
export const OUTCOME_COUNT = OUTCOMES.length;
export const O = Object.fromEntries(OUTCOMES.map((id, i) => [id, i])) as Record<OutcomeId, number>;

/** Average days per month, used to turn per-month residence into days. */
export const DAYS_PER_MONTH = 365.25 / 12;

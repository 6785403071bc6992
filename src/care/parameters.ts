/**
 * Default care parameters, each with its unit and source on the same line.
 * Where the sources give no number the value is marked ASSUMPTION and the scenario can override it
 * (`care.rates`, `care.effects`, `providers[].unitCosts`).
 *
 * Money is in kronor at the 2012 price level of Wimo et al. 2016 (Alzheimer's Res Ther, table 2)
 * unless noted, so that unit costs are mutually consistent.
 *
 * Rates are per person-year at zero coordination effort; coordination lowers them (see EFFECTS).
 * Rows follow NEED_GROUPS: 1 complex/low capacity, 2 rapid onset, 3 few contacts/low capacity,
 * 4 complex/high capacity, 5 healthy.
 */
import type { NeedGroupId, ProviderType, ServiceId } from '../domain.js';

type GroupTable = Record<NeedGroupId, Partial<Record<ServiceId, number>>>;

/** Expected services per person-year with no coordination. */
export const BASE_RATES: GroupTable = {
  'complex-low-capacity': {
    primaryVisit: 6, // ASSUMPTION: frail multimorbid elderly, Forum för Health Policy 2013 (2–3 chronic diseases, 75–87 y)
    specialistVisit: 3, // ASSUMPTION
    edVisit: 1.4, // ASSUMPTION; Aktiv hälsostyrning targets people with ≥3 ED visits/yr (Vårdanalys 2017 ch. 5)
    admission: 0.9, // home-care recipients 70+: 61 % hospitalised within 2 years (BMC Geriatr 2024); group 1 frailer
    homeHealthVisit: 40, // ASSUMPTION: about three municipal nurse visits a month
    homeCareHour: 220, // ASSUMPTION: ~18 h/month for those living at home
    shortTermStay: 0.35, // ASSUMPTION
  },
  'rapid-onset': {
    primaryVisit: 4, // ASSUMPTION
    specialistVisit: 6, // ASSUMPTION: new severe illness, e.g. stroke (Lind 2010)
    edVisit: 1.2, // ASSUMPTION
    admission: 1.1, // ASSUMPTION: the onset admission plus complications
    homeHealthVisit: 12, // ASSUMPTION
    homeCareHour: 60, // ASSUMPTION
    shortTermStay: 0.4, // ASSUMPTION
  },
  'few-contacts-low-capacity': {
    primaryVisit: 2.5, // ASSUMPTION
    specialistVisit: 2, // ASSUMPTION: habilitation and child psychiatry for group 3's examples (Vårdanalys 2017, 3.3.1)
    edVisit: 0.7, // ASSUMPTION
    admission: 0.15, // ASSUMPTION
    homeHealthVisit: 0, // ASSUMPTION
    homeCareHour: 40, // ASSUMPTION
    shortTermStay: 0,
  },
  'complex-high-capacity': {
    primaryVisit: 5, // ASSUMPTION
    specialistVisit: 4, // ASSUMPTION
    edVisit: 0.5, // ASSUMPTION
    admission: 0.35, // ASSUMPTION
    homeHealthVisit: 2, // ASSUMPTION
    homeCareHour: 8, // ASSUMPTION
    shortTermStay: 0.03, // ASSUMPTION
  },
  healthy: {
    // The healthy are 86 % of people; with groups 2–3 they carry the half of all cost that does not
    // go to the multimorbid (Forum för Health Policy 2013: ~50 % does). Calibrated with the all-ages totals below.
    primaryVisit: 1.8, // ASSUMPTION: gives ≈ 2.1 physician visits per person-year all ages
    specialistVisit: 1, // ASSUMPTION: births, injuries, cancer, elective surgery; ≈ 1.3 per person-year all ages
    edVisit: 0.22, // ASSUMPTION: ≈ 0.29 ED visits per person-year all ages
    admission: 0.1, // ASSUMPTION: ≈ 0.15 admissions per person-year all ages (incl. births)
    homeHealthVisit: 0,
    homeCareHour: 0,
    shortTermStay: 0,
  },
};

/** Coordination activities per person-year at full effort of the provider(s) doing them. */
export const COORDINATION_RATES: GroupTable = {
  'complex-low-capacity': { sipMeeting: 1, mobileTeamVisit: 6, careCoachContact: 4 }, // ASSUMPTION: a SIP a year, a mobile-team visit every other month
  'rapid-onset': { sipMeeting: 1.5, mobileTeamVisit: 4, careCoachContact: 2 }, // ASSUMPTION
  'few-contacts-low-capacity': { sipMeeting: 1, mobileTeamVisit: 0, careCoachContact: 3 }, // ASSUMPTION
  'complex-high-capacity': { sipMeeting: 0.5, mobileTeamVisit: 0, careCoachContact: 4 }, // ASSUMPTION
  healthy: {},
};

/**
 * Reduction of each service at full team coordination (C = 1), two evidence presets
 * (docs/sources.md, "coordination at full scale, frail elderly").
 */
export const EFFECTS: Record<'local-follow-ups' | 'controlled-trials', GroupTable> = {
  'local-follow-ups': {
    // Hospital care −50–80 %, other primary care −40–50 % (Löpare Johansson); Skaraborg up to −80 % (Vårdanalys 2017 ch. 5.5)
    'complex-low-capacity': { edVisit: 0.65, admission: 0.65, readmission: 0.5, primaryVisit: 0.45, specialistVisit: 0.3, shortTermStay: 0.4 },
    'rapid-onset': { edVisit: 0.4, admission: 0.3, readmission: 0.5, primaryVisit: 0.3, specialistVisit: 0.2, shortTermStay: 0.4 },
    'few-contacts-low-capacity': { edVisit: 0.4, admission: 0.3, readmission: 0.3, primaryVisit: 0.2 }, // ASSUMPTION: smaller needs
    'complex-high-capacity': { edVisit: 0.3, admission: 0.25, readmission: 0.3, primaryVisit: 0.2, specialistVisit: 0.15 }, // ASSUMPTION: people who coordinate for themselves gain less
    healthy: {},
  },
  'controlled-trials': {
    // Care coaches: −12 % hospitalisation risk (Swedish RCT arms, Läkartidningen 2016); single interventions 0 to −12 %
    'complex-low-capacity': { edVisit: 0.12, admission: 0.12, readmission: 0.12, primaryVisit: 0.05 },
    'rapid-onset': { edVisit: 0.08, admission: 0.06, readmission: 0.12 },
    'few-contacts-low-capacity': { edVisit: 0.08, admission: 0.06 },
    'complex-high-capacity': { edVisit: 0.06, admission: 0.05, readmission: 0.06 },
    healthy: {},
  },
};

/** Share of home-health nurse time lost to coordination failures at zero coordination (Löpare Johansson: 20–50 %). */
export const HOME_HEALTH_WASTE = 0.35;

/** Probability that an admission is followed by a readmission within 30 days, at zero coordination. */
export const READMISSION_PROBABILITY: Record<NeedGroupId, number> = {
  'complex-low-capacity': 0.15, // older people ~1 in 10, 5–13 % by region (Socialstyrelsen, Öppna jämförelser 2021); frailest above
  'rapid-onset': 0.12, // same source
  'few-contacts-low-capacity': 0.08, // same source
  'complex-high-capacity': 0.09, // same source
  healthy: 0.04, // ASSUMPTION
};

/** Mean length of stay per admission (days). */
export const LENGTH_OF_STAY: Record<NeedGroupId, number> = {
  'complex-low-capacity': 7, // ASSUMPTION
  'rapid-onset': 9, // ASSUMPTION: stroke-like onset
  'few-contacts-low-capacity': 4, // ASSUMPTION
  'complex-high-capacity': 5, // ASSUMPTION
  healthy: 3, // ASSUMPTION
};

/** DRG-like case weight per admission (mean 1.00 across admissions by construction of a DRG system). */
export const DRG_WEIGHT: Record<NeedGroupId, number> = {
  'complex-low-capacity': 1.2, // ASSUMPTION
  'rapid-onset': 1.6, // ASSUMPTION
  'few-contacts-low-capacity': 0.7, // ASSUMPTION
  'complex-high-capacity': 1.0, // ASSUMPTION
  healthy: 0.6, // ASSUMPTION
};

/** Share of admissions that better coordinated outpatient care could have avoided. */
export const AVOIDABLE_SHARE: Record<NeedGroupId, number> = {
  'complex-low-capacity': 0.3, // ASSUMPTION (no Swedish rate found; docs/sources.md)
  'rapid-onset': 0.1, // ASSUMPTION
  'few-contacts-low-capacity': 0.2, // ASSUMPTION
  'complex-high-capacity': 0.25, // ASSUMPTION
  healthy: 0.1, // ASSUMPTION
};

/** Staff cost of coordination effort 1.0 per person-month (team conferences, information transfer), per provider. */
export const COORDINATION_COST: Record<NeedGroupId, number> = {
  'complex-low-capacity': 200, // ASSUMPTION: about 30 min of nurse time a month
  'rapid-onset': 250, // ASSUMPTION
  'few-contacts-low-capacity': 120, // ASSUMPTION
  'complex-high-capacity': 100, // ASSUMPTION
  healthy: 0,
};

/** Unit costs (kr per unit), by the type of provider delivering the service. */
export const UNIT_COSTS: Partial<Record<ServiceId, number>> = {
  primaryVisit: 1140, // primary care physician visit, SEK 2012 (Wimo et al. 2016, table 2)
  specialistVisit: 3918, // specialist outpatient visit, same source
  edVisit: 2988, // ED visit, same source
  admission: 4780, // per bed-day (hospital day), same source; an admission costs LENGTH_OF_STAY × this
  readmission: 4780, // per bed-day, same source
  homeHealthVisit: 931, // "other outpatient visit" as the nearest, same source
  homeCareHour: 434, // home services per hour, same source
  nursingHomeDay: 606134 / 365, // higher-staffed nursing home per year / 365, same source
  shortTermStay: 14 * (472828 / 365), // ASSUMPTION: 14 days at the lower-staffed nursing-home day cost, same source
  sipMeeting: 1500, // ASSUMPTION per participating provider (docs/sources.md: SIP cost not found)
  dischargePlanning: 1200, // ASSUMPTION per participating provider
  mobileTeamVisit: 2500, // ASSUMPTION: doctor and nurse home visit
  careCoachContact: 400, // ASSUMPTION: 30 min nurse telephone contact
};

/** Which provider types make up the care team of each need group (whose efforts enter the team product). */
export const TEAM_TYPES: Record<NeedGroupId, readonly ProviderType[]> = {
  'complex-low-capacity': ['hospital', 'primary-care', 'home-health', 'home-care'], // Vårdanalys 2017 fig. 11: several principals
  'rapid-onset': ['hospital', 'primary-care', 'home-health'], // Vårdanalys 2017 fig. 12: discharge to home health
  'few-contacts-low-capacity': ['primary-care', 'home-care'], // Vårdanalys 2017 fig. 13
  'complex-high-capacity': ['hospital', 'primary-care'], // Vårdanalys 2017 fig. 14
  healthy: ['primary-care'],
};

/** Services a provider can expand or restrict at its discretion (discretionary intensity applies). */
export const DISCRETIONARY: readonly ServiceId[] = ['primaryVisit', 'specialistVisit', 'homeHealthVisit', 'homeCareHour'];

/** Annual mortality by age band (Swedish life tables, rounded; SCB). Band order: AGE_BANDS. */
export const MORTALITY_BY_AGE = [0.0003, 0.0008, 0.004, 0.015, 0.03, 0.055, 0.11, 0.22];

/** Mortality multiplier by need group. */
export const MORTALITY_GROUP: Record<NeedGroupId, number> = {
  'complex-low-capacity': 2.0, // ASSUMPTION: frailty and multimorbidity
  'rapid-onset': 1.8, // ASSUMPTION
  'few-contacts-low-capacity': 1.0, // ASSUMPTION
  'complex-high-capacity': 1.2, // ASSUMPTION
  healthy: 0.5, // ASSUMPTION
};

/** Health-related quality of life weight per need group (QALY per person-year, at home, no events). */
export const UTILITY: Record<NeedGroupId, number> = {
  'complex-low-capacity': 0.55, // ASSUMPTION: EQ-5D of frail elderly ~0.5–0.6
  'rapid-onset': 0.6, // ASSUMPTION
  'few-contacts-low-capacity': 0.7, // ASSUMPTION
  'complex-high-capacity': 0.7, // ASSUMPTION
  healthy: 0.9, // ASSUMPTION
};
/** QALY lost per bed-day and per ED visit (ASSUMPTION: a bad day ≈ half a day of life quality). */
export const QALY_LOSS_PER_BED_DAY = 0.5 / 365;
export const QALY_LOSS_PER_ED_VISIT = 0.25 / 365;

/** Share who experience their care as coordinated: floor + gain × team coordination (ASSUMPTION). */
export const EXPERIENCED_COORDINATION = { floor: 0.25, gain: 0.65 };
/** Share with a joint care plan (SIP) in force at full coordination, per group (ASSUMPTION). */
export const CARE_PLAN_SHARE: Record<NeedGroupId, number> = {
  'complex-low-capacity': 0.8,
  'rapid-onset': 0.6,
  'few-contacts-low-capacity': 0.4,
  'complex-high-capacity': 0.3,
  healthy: 0,
};

/** Stroke outcomes, as shares of episodes, from zero to full coordination (Skåne 2010 teams: Lind 2010). */
export const STROKE_OUTCOMES = {
  adlIndependent: { atZero: 0.76, atFull: 0.87 }, // ADL-independent at 3 months, teams 78.0–86.3 %
  directToStrokeUnit: { atZero: 0.55, atFull: 0.8 }, // directly to stroke unit, teams 59.5–76.0 %
};
/** QALYs gained by an episode that ends ADL-independent rather than dependent (ASSUMPTION: 0.2 over the following year). */
export const QALY_GAIN_ADL_INDEPENDENT = 0.2;

/**
 * Share of each group living in a nursing home (särskilt boende), by age band, before the frailty
 * scaling of synthesizePopulation (× 0.25 … 1.75 by frailty class, about × 0.5 on average).
 * Calibrated so that about 0.6 % of 65–74, 3 % of 75–79, 7 % of 80–84, 12 % of 85–89 and 20 % of 90+
 * live in one — 0.7 % of all people, 3.6 % of 65+ and 10 % of 80+ — against 5 % of 65+ and 14 % of
 * 80+ in April 2012 (Socialstyrelsen via Vårdfokus 2012; 90,500 people 65+ in 2012). The nursing-home
 * cost then comes to about 1.5 times the home-care cost (SCB 2021: 78.8 vs 48.9 bn, docs/sources.md).
 * At most 0.57, so that the frailest class (× 1.75) stays a probability.
 */
export const NURSING_HOME_SHARE: Record<NeedGroupId, readonly number[]> = {
  'complex-low-capacity': [0, 0, 0.01, 0.25, 0.45, 0.55, 0.57, 0.57], // ASSUMPTION calibrated as above; the most ill elderly live here
  'rapid-onset': [0, 0, 0, 0.05, 0.1, 0.2, 0.3, 0.4], // ASSUMPTION calibrated as above: after a stroke or a fall
  'few-contacts-low-capacity': [0, 0, 0, 0.05, 0.1, 0.2, 0.3, 0.4], // ASSUMPTION calibrated as above
  'complex-high-capacity': [0, 0, 0, 0.01, 0.02, 0.06, 0.12, 0.3], // ASSUMPTION calibrated as above: good capacity, rarely
  healthy: [0, 0, 0, 0, 0, 0, 0, 0],
};

/**
 * The goal indicators' names, in both languages: the goal kind's field shows them, and a model's
 * label that names an indicator says it in words (src/scenario/texts.ts). A module of its own, with
 * nothing else, so the texts can read it without the kind's code.
 */
import type { IndicatorId } from '../../scenario/types.js';

export const INDICATOR_LABELS: Readonly<Record<IndicatorId, { en: string; sv: string }>> = {
  carePlanShare: { en: 'Share with a joint care plan', sv: 'Andel med SIP' },
  readmissionRate: { en: 'Readmission rate (30 days)', sv: 'Andel återinläggningar (30 dagar)' },
  patientCoordination: { en: 'Coordination as patients experience it', sv: 'Samordning som patienterna upplever den' },
  avoidableAdmissionRate: { en: 'Avoidable admissions per 1,000 person-years', sv: 'Undvikbar slutenvård per 1 000 personår' },
  edVisitRate: { en: 'ED visits per 1,000 person-years', sv: 'Besök på akutmottagning per 1 000 personår' },
  adlIndependentShare: { en: 'Share ADL-independent at 3 months', sv: 'Andel ADL-oberoende efter 3 månader' },
  directToStrokeUnitShare: { en: 'Share admitted directly to the stroke unit', sv: 'Andel inlagda direkt på strokeenhet' },
  spendingPerMember: { en: 'Spending on care per member-month (kr, at the model’s unit costs)', sv: 'Vårdkostnad per listningsmånad (kr, till modellens styckkostnader)' },
};

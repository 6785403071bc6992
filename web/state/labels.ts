/**
 * The names of a scenario's payment components as a reader sees them, in the page's language:
 * a model's (translated) label with its parameters named — services, payers and providers by
 * their names, not their ids — and for a component written by hand its own label, else words from
 * its kind's description. Two components that would read the same are told apart by whom they
 * pay, then by who pays them.
 */
import { SERVICES } from '../../src/domain.js';
import { INTERPOLATION, asText, localText } from '../../src/scenario/texts.js';
import type { MessageKey } from '../i18n/index.js';
import { locale, t } from '../i18n/index.js';
import { KINDS_DESCRIBED } from './kinds.js';
import type { JsonObject } from './records.js';

type Row = Record<string, unknown>;


const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);
const rows = (x: unknown): Row[] => (Array.isArray(x) ? x.filter(isRow) : []);
/** Mid-sentence, "Specialist visit" reads "specialist visit"; "ED visit" and "SIP-möte" keep their capitals. */
const inSentence = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
/** "Variable (fee per activity, DRG, cost)" → "Variable". */
const short = (s: string) => s.replace(/\s*\([^)]*\)\s*$/, '');

/**
 * A service's name in the page's language (its id when unknown).
 * @example serviceName('specialistVisit') // 'Specialist visit'
 */
export function serviceName(id: string): string {
  return SERVICES.find((s) => s.id === id)?.name[locale()] ?? id;
}

/** A parameter's value in words: services, payers, providers and pools by name; lists joined. */
function worded(value: unknown, parties: ReadonlyMap<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => worded(isRow(v) ? v.payer : v, parties)).join(', ');
  const text = String(value);
  if (SERVICES.some((s) => s.id === text)) return inSentence(serviceName(text));
  return parties.get(text) ?? text;
}

/** A hand-written component's name from its kind: how it prices, and what it pays for. */
function fromKind(c: Row): string {
  const services = [c.service, c.services].flatMap((s) => (Array.isArray(s) ? s : s === undefined ? [] : [s])).map((s) => inSentence(serviceName(String(s))));
  const list = services.join(', ');
  if (c.kind === 'variable' && typeof c.pricing === 'string' && list) return t(`lbl.variable.${c.pricing}` as MessageKey, { services: list });
  if (c.kind === 'fixed' && typeof c.basis === 'string') return t(`lbl.fixed.${c.basis}` as MessageKey);
  const description = KINDS_DESCRIBED[c.kind as keyof typeof KINDS_DESCRIBED];
  const head = description ? short(description.label[locale()]) : t('lbl.component');
  // What a goal is measured by, in the words of its kind's description.
  const indicator = typeof c.indicator === 'string' ? description?.fields.find((f) => f.key === 'indicator')?.valueLabels?.[c.indicator]?.[locale()] : undefined;
  const tail = list || (indicator ? inSentence(short(indicator)) : '');
  return tail ? `${head}: ${tail}` : head;
}

/**
 * Display names of a scenario's components by the ids the results use (`<reference>.<template>`
 * for a model reference, the component's own id otherwise), in the page's language.
 * @example componentNames(json, MODELS)['sjukhus-specialist.fee'] // 'Fee per specialist visit'
 */
export function componentNames(json: JsonObject | undefined, models: Readonly<Record<string, unknown>>): Record<string, string> {
  const lang = locale();
  const parties = new Map<string, string>();
  for (const p of [...rows(json?.payers), ...rows(json?.providers), ...rows(json?.pools)]) if (typeof p.id === 'string') parties.set(p.id, String(p.name ?? p.id));
  const named: { id: string; label: string; payee: string; payer: string }[] = [];
  for (const c of rows((json?.payment as Row | undefined)?.components)) {
    if (typeof c.id !== 'string') continue;
    const model = typeof c.model === 'string' ? models[c.model] : undefined;
    if (!isRow(model)) {
      const label = typeof c.label === 'string' && c.label.trim() !== '' ? c.label : fromKind(c);
      named.push({ id: c.id, label, payee: worded(c.payee ?? '', parties), payer: worded(c.payer ?? '', parties) });
      continue;
    }
    const given = isRow(c.parameters) ? c.parameters : {};
    const declared = isRow(model.parameters) ? model.parameters : {};
    const values = new Map(Object.entries(declared).map(([name, p]) => [name, name in given ? given[name] : isRow(p) ? p.default : undefined]));
    const translations = isRow(model.translations) ? model.translations[lang] : undefined;
    const labels = isRow(translations) && isRow(translations.labels) ? translations.labels : {};
    const title = localText(model, 'title', lang) ?? String(model.title ?? c.model);
    for (const template of rows(model.components)) {
      if (typeof template.id !== 'string') continue;
      const raw = typeof labels[template.id] === 'string' ? String(labels[template.id]) : typeof template.label === 'string' ? template.label : title;
      const fill = (text: string, words: boolean) =>
        text.replace(INTERPOLATION, (all, name: string) => (values.has(name) ? (words ? worded(values.get(name), parties) : asText(values.get(name))) : all));
      // A template's "$payee" is the parameter's value itself.
      const whole = (v: unknown) => (typeof v === 'string' && /^\$[A-Za-z_]\w*$/.test(v) ? values.get(v.slice(1)) : v);
      named.push({ id: `${c.id}.${fill(template.id, false)}`, label: fill(raw, true), payee: worded(whole(template.payee) ?? '', parties), payer: worded(whole(template.payer) ?? '', parties) });
    }
  }
  // Told apart by whom they pay, then by who pays, then counted.
  const out: Record<string, string> = {};
  const clashes = (label: (n: (typeof named)[number]) => string) => {
    const count = new Map<string, number>();
    for (const n of named) count.set(label(n), (count.get(label(n)) ?? 0) + 1);
    return (n: (typeof named)[number]) => (count.get(label(n)) ?? 0) > 1;
  };
  const byLabel = clashes((n) => n.label);
  const withPayee = (n: (typeof named)[number]) => (byLabel(n) && n.payee ? `${n.label} · ${n.payee}` : n.label);
  const byPayee = clashes(withPayee);
  const withPayer = (n: (typeof named)[number]) => (byPayee(n) && n.payer ? `${withPayee(n)} · ${n.payer}` : withPayee(n));
  const seen = new Map<string, number>();
  const byPayer = clashes(withPayer);
  for (const n of named) {
    const label = withPayer(n);
    const k = (seen.get(label) ?? 0) + 1;
    seen.set(label, k);
    out[n.id] = byPayer(n) ? `${label} (${k})` : label;
  }
  return out;
}

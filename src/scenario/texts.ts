/**
 * A scenario's or payment model's texts in the reader's language: the file's `translations` for
 * that language where it has the text, the file's own (English) text otherwise.
 */

import { SERVICES } from '../domain.js';
import { INDICATOR_LABELS } from '../payment/kinds/indicators.js';

type Json = Record<string, unknown>;
// Its own check rather than validate-core's, so a page can show texts without the validator.
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @example localText({ title: 'Wrong pocket', translations: { sv: { title: 'Fel ficka' } } }, 'title', 'sv') // 'Fel ficka'
 */
export function localText(doc: unknown, key: 'title' | 'description' | 'question' | 'lookAt', lang: string): string | undefined {
  if (!isObject(doc)) return undefined;
  const own = typeof doc[key] === 'string' ? doc[key] : undefined;
  const texts = isObject(doc.translations) ? doc.translations[lang] : undefined;
  const translated = isObject(texts) ? texts[key] : undefined;
  return typeof translated === 'string' && translated.trim() !== '' ? translated : own;
}

/**
 * A model parameter's description in a language.
 * @example parameterText(MODELS['drg'], 'price', 'sv') // 'Pris per DRG-poäng'
 */
export function parameterText(model: unknown, name: string, lang: string): string | undefined {
  if (!isObject(model)) return undefined;
  const texts = isObject(model.translations) ? model.translations[lang] : undefined;
  const translated = isObject(texts) && isObject(texts.parameters) ? texts.parameters[name] : undefined;
  if (typeof translated === 'string' && translated.trim() !== '') return translated;
  const parameter = isObject(model.parameters) ? model.parameters[name] : undefined;
  return isObject(parameter) && typeof parameter.description === 'string' ? parameter.description : undefined;
}

/** "${name}" inside a model's id, label or description is replaced by the parameter's value as text. */
export const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A parameter value as text: payer shares as 'region+kommun'. @example asText(['a', 'b']) // 'a+b' */
export function asText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? String(v.payer) : String(v))).join('+');
  return String(value);
}

/** Mid-sentence, "Specialist visit" reads "specialist visit"; "ED visit" and "SIP-möte" keep their capitals. */
const inSentence = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/**
 * A parameter value as words for a label or description: a service or an indicator by its name in `lang`, mid-sentence;
 * anything else as `asText` has it.
 * @example asWords(['primaryVisit', 'edVisit'], 'en') // 'primary care visit, ED visit'
 */
export function asWords(value: unknown, lang: string): string {
  const l = lang === 'sv' ? 'sv' : 'en';
  const name = (v: unknown) => {
    const named = typeof v !== 'string' ? undefined : (SERVICES.find((s) => s.id === v)?.name ?? (Object.hasOwn(INDICATOR_LABELS, v) ? INDICATOR_LABELS[v as keyof typeof INDICATOR_LABELS] : undefined));
    return named === undefined ? undefined : inSentence(named[l]);
  };
  if (Array.isArray(value) && value.length > 0 && value.every((v) => name(v) !== undefined)) return value.map(name).join(', ');
  return name(value) ?? asText(value);
}

/**
 * `${name}` in a text replaced by the parameter's value: as words in `lang` when one is given (for
 * labels and descriptions), as `asText` has it otherwise (for ids).
 * @example interpolate('Fee per ${service}', new Map([['service', 'primaryVisit']]), 'en') // 'Fee per primary care visit'
 */
export function interpolate(text: string, values: ReadonlyMap<string, unknown>, lang?: string): string {
  return text.replace(INTERPOLATION, (all, name: string) => (values.has(name) ? (lang === undefined ? asText(values.get(name)) : asWords(values.get(name), lang)) : all));
}

/**
 * The labels, in a language, of the components a scenario takes from payment models, by the
 * expanded component's id (`<reference id>.<template id>`): the model's translated label with the
 * reference's parameters (or the model's defaults) filled in. Components without one are left out.
 * @example componentLabels(json, MODELS, 'sv')['vc-soder-besok.fee'] // 'Ersättning per besök på vårdcentral'
 */
export function componentLabels(scenario: unknown, models: Readonly<Record<string, unknown>>, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  const payment = isObject(scenario) && isObject(scenario.payment) ? scenario.payment : {};
  for (const ref of Array.isArray(payment.components) ? payment.components : []) {
    if (!isObject(ref) || typeof ref.model !== 'string' || typeof ref.id !== 'string') continue;
    const model = models[ref.model];
    if (!isObject(model)) continue;
    const texts = isObject(model.translations) ? model.translations[lang] : undefined;
    const labels = isObject(texts) && isObject(texts.labels) ? texts.labels : {};
    const given = isObject(ref.parameters) ? ref.parameters : {};
    const declared = isObject(model.parameters) ? model.parameters : {};
    const values = new Map(Object.entries(declared).map(([name, p]) => [name, name in given ? given[name] : isObject(p) ? p.default : undefined]));
    for (const template of Array.isArray(model.components) ? model.components : []) {
      if (!isObject(template) || typeof template.id !== 'string') continue;
      const label = labels[template.id];
      if (typeof label === 'string') out[`${ref.id}.${interpolate(template.id, values)}`] = interpolate(label, values, lang);
    }
  }
  return out;
}

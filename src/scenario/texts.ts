/**
 * A scenario's or payment model's texts in the reader's language: the file's `translations` for
 * that language where it has the text, the file's own (English) text otherwise.
 */

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

/** @example interpolate('Fee per ${service}', new Map([['service', 'primaryVisit']])) // 'Fee per primaryVisit' */
export function interpolate(text: string, values: ReadonlyMap<string, unknown>): string {
  return text.replace(INTERPOLATION, (all, name: string) => (values.has(name) ? asText(values.get(name)) : all));
}

/**
 * The labels, in a language, of the components a scenario takes from payment models, by the
 * expanded component's id (`<reference id>.<template id>`): the model's translated label with the
 * reference's parameters (or the model's defaults) filled in. Components without one are left out.
 * @example componentLabels(json, MODELS, 'sv')['vc-soder-besok.fee'] // 'Ersättning per primaryVisit'
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
      if (typeof label === 'string') out[`${ref.id}.${interpolate(template.id, values)}`] = interpolate(label, values);
    }
  }
  return out;
}

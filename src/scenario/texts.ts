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

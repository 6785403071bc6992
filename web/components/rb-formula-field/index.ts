import { RbFormulaField } from './rb-formula-field.js';

export { RbFormulaField } from './rb-formula-field.js';

if (!customElements.get('rb-formula-field')) customElements.define('rb-formula-field', RbFormulaField);

declare global {
  interface HTMLElementTagNameMap {
    'rb-formula-field': RbFormulaField;
  }
}

import { RbResults } from './rb-results.js';

export { RbResults } from './rb-results.js';

if (!customElements.get('rb-results')) customElements.define('rb-results', RbResults);

declare global {
  interface HTMLElementTagNameMap {
    'rb-results': RbResults;
  }
}

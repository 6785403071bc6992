import { RbCompare } from './rb-compare.js';

export { RbCompare } from './rb-compare.js';

if (!customElements.get('rb-compare')) customElements.define('rb-compare', RbCompare);

declare global {
  interface HTMLElementTagNameMap {
    'rb-compare': RbCompare;
  }
}

import { RbIncentives } from './rb-incentives.js';

export { RbIncentives } from './rb-incentives.js';

if (!customElements.get('rb-incentives')) customElements.define('rb-incentives', RbIncentives);

declare global {
  interface HTMLElementTagNameMap {
    'rb-incentives': RbIncentives;
  }
}

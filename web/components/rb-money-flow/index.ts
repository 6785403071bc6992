import { RbMoneyFlow } from './rb-money-flow.js';

export { RbMoneyFlow } from './rb-money-flow.js';

if (!customElements.get('rb-money-flow')) customElements.define('rb-money-flow', RbMoneyFlow);

declare global {
  interface HTMLElementTagNameMap {
    'rb-money-flow': RbMoneyFlow;
  }
}

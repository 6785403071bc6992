import { RbLevers } from './rb-levers.js';

export { RbLevers } from './rb-levers.js';
export { leversOf, type Lever } from './levers.js';

if (!customElements.get('rb-levers')) customElements.define('rb-levers', RbLevers);

declare global {
  interface HTMLElementTagNameMap {
    'rb-levers': RbLevers;
  }
}

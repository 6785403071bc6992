import { RbTeaching } from './rb-teaching.js';

export { RbTeaching } from './rb-teaching.js';

if (!customElements.get('rb-teaching')) customElements.define('rb-teaching', RbTeaching);

declare global {
  interface HTMLElementTagNameMap {
    'rb-teaching': RbTeaching;
  }
}

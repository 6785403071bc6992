import { RbExport } from './rb-export.js';

export { RbExport } from './rb-export.js';

if (!customElements.get('rb-export')) customElements.define('rb-export', RbExport);

declare global {
  interface HTMLElementTagNameMap {
    'rb-export': RbExport;
  }
}

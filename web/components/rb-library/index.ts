import { RbLibrary } from './rb-library.js';

export { RbLibrary } from './rb-library.js';

if (!customElements.get('rb-library')) customElements.define('rb-library', RbLibrary);

declare global {
  interface HTMLElementTagNameMap {
    'rb-library': RbLibrary;
  }
}

import { RbApp } from './rb-app.js';

export { RbApp } from './rb-app.js';

if (!customElements.get('reimburse-app')) customElements.define('reimburse-app', RbApp);

declare global {
  interface HTMLElementTagNameMap {
    'reimburse-app': RbApp;
  }
}

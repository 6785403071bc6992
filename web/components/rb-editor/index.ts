import '../rb-formula-field/index.js';
import { RbEditor } from './rb-editor.js';

export { RbEditor } from './rb-editor.js';

if (!customElements.get('rb-editor')) customElements.define('rb-editor', RbEditor);

declare global {
  interface HTMLElementTagNameMap {
    'rb-editor': RbEditor;
  }
}

/**
 * The web app's entry: registers every component. The simulation core runs in the engine
 * worker (web/engine/), never on this page.
 */
import './components/rb-time-chart/index.js';
import './components/rb-money-flow/index.js';
import './components/rb-levers/index.js';
import './components/rb-incentives/index.js';
import './components/rb-results/index.js';
import './components/rb-library/index.js';
import './components/rb-editor/index.js';
import './components/rb-compare/index.js';
import './components/rb-app/index.js';

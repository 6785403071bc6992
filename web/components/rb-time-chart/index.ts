import { RbTimeChart } from './rb-time-chart.js';

export { RbTimeChart, type ChartSeries } from './rb-time-chart.js';

if (!customElements.get('rb-time-chart')) customElements.define('rb-time-chart', RbTimeChart);

declare global {
  interface HTMLElementTagNameMap {
    'rb-time-chart': RbTimeChart;
  }
}

import { css, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

export const styles = [
  unsafeCSS(uplotCss),
  css`
    :host {
      display: block;
      --rb-chart-height: 280px;
    }
    .plot {
      width: 100%;
      min-height: var(--rb-chart-height);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0.25rem 0 0;
      padding: 0;
      list-style: none;
      font-size: 0.95rem;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .swatch {
      width: 1.75rem;
      height: 0.5rem;
      flex: none;
    }
    .readout {
      min-height: 1.4em;
      font-size: 0.9rem;
      color: var(--rb-muted, #5b6675);
      font-variant-numeric: tabular-nums;
    }
    .u-legend {
      display: none;
    }
  `,
];

import { css } from 'lit';
import { shared } from '../../styles/shared.js';

export const styles = [
  shared,
  css`
    :host {
      display: block;
    }
    h2 {
      font-size: 1.15rem;
    }
    h3 {
      font-size: 0.95rem;
      margin: 1.1rem 0 0.2rem;
      color: var(--rb-accent, #1f4e79);
    }
    .lever {
      padding: 0.55rem 0;
      border-bottom: 1px solid var(--rb-line, #d5dbe3);
    }
    .lever label {
      display: block;
      font-weight: 600;
      font-size: 0.95rem;
    }
    .lever .unit {
      display: block;
      font-weight: 400;
      font-size: 0.82rem;
      color: var(--rb-muted, #5b6675);
    }
    .controls {
      display: grid;
      grid-template-columns: 1fr 7.5rem;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.3rem;
    }
    .controls input[type='text'] {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .changed label::after {
      content: ' •';
      color: var(--rb-warn, #8a5a00);
    }
    button.reset {
      margin-top: 0.75rem;
    }
  `,
];

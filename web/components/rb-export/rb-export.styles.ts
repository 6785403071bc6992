import { css } from 'lit';
import { shared } from '../../styles/shared.js';

export const styles = [
  shared,
  css`
    :host {
      display: block;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0.4rem 0 0.8rem;
    }
    .row > .label {
      font-weight: 600;
      min-width: 9rem;
    }
    .explain {
      color: var(--rb-muted, #5b6675);
      max-width: 62rem;
    }
    .status {
      min-height: 1.4em;
      color: var(--rb-muted, #5b6675);
    }
    .status.error {
      color: var(--rb-negative, #b3261e);
    }
  `,
];

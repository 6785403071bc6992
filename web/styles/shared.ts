/**
 * Styles every view shares inside its shadow root: type scale, buttons, form controls, tables,
 * focus rings. Sized for a projector: 16 px body, large headings, strong contrast.
 */
import { css } from 'lit';

export const shared = css`
  :host {
    font-family: var(--rb-font, system-ui, sans-serif);
    color: var(--rb-ink, #1b2430);
    --rb-radius: 6px;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    line-height: 1.2;
    margin: 0 0 0.5rem;
    font-weight: 650;
  }
  h1 {
    font-size: 1.75rem;
  }
  h2 {
    font-size: 1.35rem;
  }
  h3 {
    font-size: 1.1rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .muted {
    color: var(--rb-muted, #5b6675);
  }
  .card {
    background: var(--rb-paper, #fff);
    border: 1px solid var(--rb-line, #d5dbe3);
    border-radius: var(--rb-radius);
    padding: 1rem 1.25rem;
  }
  button,
  .button {
    font: inherit;
    font-size: 0.95rem;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.45rem 0.9rem;
    border-radius: var(--rb-radius);
    border: 1px solid var(--rb-accent, #1f4e79);
    background: var(--rb-paper, #fff);
    color: var(--rb-accent, #1f4e79);
    cursor: pointer;
    text-decoration: none;
    line-height: 1.25;
  }
  button.primary,
  .button.primary {
    background: var(--rb-accent, #1f4e79);
    color: #fff;
  }
  button.danger {
    border-color: var(--rb-bad, #a3262a);
    color: var(--rb-bad, #a3262a);
  }
  button.quiet {
    border-color: transparent;
    background: transparent;
    padding: 0.3rem 0.5rem;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:hover:not(:disabled) {
    filter: brightness(0.95);
  }
  :focus-visible {
    outline: 3px solid var(--rb-focus, #f0a30a);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: 0.95rem;
    padding: 0.35rem 0.5rem;
    border: 1px solid #9aa5b4;
    border-radius: 4px;
    background: #fff;
    color: inherit;
    min-width: 0;
  }
  input[type='range'] {
    padding: 0;
    border: none;
    accent-color: var(--rb-accent, #1f4e79);
  }
  input[type='checkbox'],
  input[type='radio'] {
    accent-color: var(--rb-accent, #1f4e79);
    width: 1.05rem;
    height: 1.05rem;
  }
  [aria-invalid='true'] {
    border-color: var(--rb-bad, #a3262a);
    box-shadow: 0 0 0 1px var(--rb-bad, #a3262a);
  }
  .issue {
    color: var(--rb-bad, #a3262a);
    font-size: 0.88rem;
    margin: 0.15rem 0 0;
  }
  .warning {
    color: var(--rb-warn, #8a5a00);
    font-size: 0.88rem;
    margin: 0.15rem 0 0;
  }
  .ok {
    color: var(--rb-good, #1e6b3a);
    font-size: 0.88rem;
    margin: 0.15rem 0 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid var(--rb-line, #d5dbe3);
    text-align: right;
    vertical-align: top;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  thead th {
    font-size: 0.85rem;
    font-weight: 650;
    color: var(--rb-muted, #5b6675);
    border-bottom: 2px solid var(--rb-line, #d5dbe3);
    vertical-align: bottom;
  }
  tfoot td,
  tfoot th {
    font-weight: 650;
    border-top: 2px solid var(--rb-line, #d5dbe3);
  }
  .ci {
    display: block;
    font-size: 0.8rem;
    color: var(--rb-muted, #5b6675);
    white-space: nowrap;
  }
  .neg {
    color: var(--rb-bad, #a3262a);
  }
  .pos {
    color: var(--rb-good, #1e6b3a);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /*
   * A wide table scrolls inside its own box, never the page: the first column (what a row is
   * about) stays in view while the numbers scroll under it.
   */
  .scroll {
    overflow-x: auto;
    max-width: 100%;
    overscroll-behavior-x: contain;
  }
  .scroll > table th:first-child,
  .scroll > table td:first-child {
    position: sticky;
    left: 0;
    z-index: 1;
    background: var(--rb-sticky-bg, var(--rb-paper, #fff));
  }
  .scroll > table th[colspan]:first-child {
    position: static;
  }
  /* A row of toggle buttons, one pressed (the period of a chart). */
  .segmented {
    display: inline-flex;
    border: 1px solid var(--rb-accent, #1f4e79);
    border-radius: 6px;
    overflow: hidden;
  }
  .segmented button {
    border: none;
    border-radius: 0;
    padding: 0.3rem 0.8rem;
  }
  .segmented button[aria-pressed='true'] {
    background: var(--rb-accent, #1f4e79);
    color: #fff;
  }
`;

/** Colours for series, told apart also by people with colour-vision deficiency (Okabe–Ito, darkened). */
export const PALETTE = ['#0b6bb0', '#c55a00', '#12806a', '#b8446f', '#6a51a3', '#8c6d00', '#3f4a56', '#d0343a', '#2a9fd6', '#7a9a01'];

/**
 * The dash pattern of the i-th series (solid, long dash, dots, dash-dot …): lines differ by
 * pattern as well as colour, so a chart reads the same to colour-blind eyes and in grey print.
 */
export const DASHES: readonly (readonly number[])[] = [[], [10, 5], [2, 4], [12, 4, 2, 4], [6, 3], [2, 2, 8, 2]];

/** The dash pattern of the i-th entity's line ([] for solid). */
export function dash(i: number): number[] {
  return [...DASHES[i % DASHES.length]];
}

/** The colour of the i-th entity. */
export function colour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

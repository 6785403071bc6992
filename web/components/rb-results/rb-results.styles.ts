import { css } from 'lit';
import { shared } from '../../styles/shared.js';

export const styles = [
  shared,
  css`
    :host {
      display: block;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem 2rem;
      align-items: flex-start;
      justify-content: space-between;
      margin-bottom: 1rem;
    }
    .head .title {
      flex: 1 1 30rem;
    }
    .question {
      font-size: 1.1rem;
    }
    .layout {
      display: grid;
      grid-template-columns: 20rem minmax(0, 1fr);
      gap: 1.25rem;
      align-items: start;
    }
    .layout > .dash {
      grid-column: 2;
      grid-row: 1;
    }
    .layout > aside {
      grid-column: 1;
      grid-row: 1;
    }
    aside.card {
      position: sticky;
      top: 0.75rem;
      max-height: calc(100vh - 1.5rem);
      overflow: auto;
    }
    .levers-toggle,
    aside .close,
    .backdrop {
      display: none;
    }
    /* A projector (1024 px): the levers leave the results the whole width and slide in on demand. */
    @media (max-width: 1099.98px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
      .layout > .dash {
        grid-column: 1;
      }
      .levers-toggle {
        display: inline-flex;
        position: sticky;
        top: 0.5rem;
        z-index: 4;
        margin-bottom: 0.75rem;
        background: var(--rb-accent, #1f4e79);
        color: #fff;
      }
      aside.card {
        position: fixed;
        z-index: 30;
        top: 0;
        left: 0;
        bottom: 0;
        width: min(24rem, calc(100vw - 3rem));
        max-height: none;
        border-radius: 0 var(--rb-radius) var(--rb-radius) 0;
        box-shadow: 0 0 32px rgba(0, 0, 0, 0.3);
        transform: translateX(-105%);
        visibility: hidden;
        transition:
          transform 0.2s,
          visibility 0.2s;
      }
      aside.card.open {
        transform: none;
        visibility: visible;
      }
      aside .close {
        display: inline-flex;
        float: right;
      }
      .backdrop {
        display: block;
        position: fixed;
        inset: 0;
        z-index: 29;
        background: rgba(0, 0, 0, 0.25);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      aside.card {
        transition: none;
      }
    }
    .dash {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
    }
    .dash > section {
      scroll-margin-top: 1rem;
    }
    .section-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem 1rem;
    }
    .explain {
      color: var(--rb-muted, #5b6675);
      max-width: 62rem;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr));
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    .figure {
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
      padding: 0.75rem 1rem;
      background: var(--rb-accent-soft, #e6eef7);
      border-color: transparent;
    }
    .figure-label {
      font-weight: 600;
    }
    .figure-value {
      white-space: nowrap;
      font-size: 1.5rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .figure-note {
      font-size: 0.85rem;
      color: var(--rb-muted, #5b6675);
    }
    .run {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.25rem;
      align-items: end;
      padding: 0.75rem 1rem;
    }
    .run fieldset {
      border: none;
      margin: 0;
      padding: 0;
      display: flex;
      gap: 0.9rem;
    }
    .run legend {
      font-weight: 600;
      font-size: 0.85rem;
      margin-bottom: 0.2rem;
      padding: 0;
    }
    .run label.choice {
      display: flex;
      gap: 0.35rem;
      align-items: center;
    }
    .run .field {
      display: flex;
      flex-direction: column;
      font-size: 0.85rem;
      font-weight: 600;
    }
    .run .field input {
      width: 7rem;
      font-weight: 400;
    }
    .progress {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      min-width: 18rem;
    }
    progress {
      width: 14rem;
      height: 1rem;
      accent-color: var(--rb-accent, #1f4e79);
    }
    .status {
      padding: 0.6rem 1rem;
      border-radius: 6px;
      background: var(--rb-paper, #fff);
      border: 1px solid var(--rb-line, #d5dbe3);
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    .status.stale {
      border-left: 6px solid var(--rb-warn, #8a5a00);
    }
    .status.problems {
      border-left: 6px solid var(--rb-bad, #a3262a);
    }
    .status ul {
      margin: 0.25rem 0;
      padding-left: 1.2rem;
    }
    .jumps {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      padding: 0 0.25rem;
    }
    .jumps a {
      color: var(--rb-accent, #1f4e79);
      font-weight: 600;
      text-decoration: none;
      padding: 0.2rem 0;
      border-bottom: 2px solid transparent;
    }
    .jumps a:hover {
      border-bottom-color: currentColor;
    }
    .two {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr));
      gap: 1.25rem;
    }
    #outcomes td {
      white-space: nowrap;
    }
    #outcomes th[scope='row'] {
      min-width: 15rem;
      font-weight: 600;
    }
    .unit {
      font-weight: 400;
      font-size: 0.78rem;
    }
    table.components td.indent {
      padding-left: 1.5rem;
    }
    table.components .provider-row th {
      padding-top: 0.9rem;
      font-size: 1.02rem;
      border-bottom: 1px solid var(--rb-line, #d5dbe3);
    }
    table.components .margin-row td {
      font-weight: 650;
      border-bottom: 2px solid var(--rb-line, #d5dbe3);
    }
    .bar-col {
      width: 30%;
    }
    .bar {
      display: block;
      height: 0.8rem;
      margin-top: 0.3rem;
      background: var(--rb-accent, #1f4e79);
      opacity: 0.75;
      border-radius: 2px;
    }
    .bar.neg-bar {
      background: var(--rb-bad, #a3262a);
    }
    .pending {
      opacity: 0.75;
      transition: opacity 0.2s;
    }
    .incentives-placeholder {
      display: none;
    }
  `,
];

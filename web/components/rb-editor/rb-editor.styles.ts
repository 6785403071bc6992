import { css } from 'lit';
import { shared } from '../../styles/shared.js';

export const styles = [
  shared,
  css`
    :host {
      display: block;
    }
    .history {
      display: flex;
      gap: 0.5rem;
      margin: 0.25rem 0 0.5rem;
    }
    .layout {
      display: grid;
      grid-template-columns: 14rem minmax(0, 1fr);
      gap: 1.25rem;
      align-items: start;
    }
    @media (max-width: 1000px) {
      .layout {
        grid-template-columns: 1fr;
      }
      nav.toc {
        position: static !important;
      }
    }
    nav.toc {
      position: sticky;
      top: 0.75rem;
    }
    nav.toc ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    nav.toc a {
      display: block;
      padding: 0.35rem 0.6rem;
      border-radius: 4px;
      color: var(--rb-accent, #1f4e79);
      text-decoration: none;
      font-weight: 600;
    }
    nav.toc a:hover {
      background: var(--rb-accent-soft, #e6eef7);
    }
    nav.toc .count {
      float: right;
      color: var(--rb-bad, #a3262a);
    }
    .sections {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
    }
    section.card {
      scroll-margin-top: 1rem;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: 0.75rem 1rem;
      margin-bottom: 0.75rem;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      min-width: 0;
    }
    .field.wide,
    .grid > .wide {
      grid-column: 1 / -1;
    }
    .field > label,
    .field > legend,
    .field .label {
      font-weight: 600;
      font-size: 0.9rem;
    }
    .field.check > label {
      font-weight: 400;
      display: flex;
      gap: 0.4rem;
      align-items: center;
    }
    fieldset.field {
      border: 1px solid var(--rb-line, #d5dbe3);
      border-radius: 6px;
      padding: 0.5rem 0.75rem;
      margin: 0;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 1.1rem;
    }
    .choices label {
      display: flex;
      gap: 0.35rem;
      align-items: center;
      font-size: 0.92rem;
    }
    .unit {
      font-weight: 400;
      color: var(--rb-muted, #5b6675);
      font-size: 0.82rem;
    }
    .help {
      font-size: 0.82rem;
      color: var(--rb-muted, #5b6675);
      margin: 0;
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: end;
      margin-bottom: 0.4rem;
    }
    .table-editor {
      margin-bottom: 1.25rem;
    }
    .table-editor table {
      margin-bottom: 0.5rem;
    }
    .table-editor th {
      text-align: left;
    }
    .table-editor td {
      text-align: left;
      padding: 0.3rem 0.4rem;
    }
    .table-editor td.cell label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .table-editor input,
    .table-editor select {
      width: 100%;
    }
    .subcard,
    article.component {
      border: 1px solid var(--rb-line, #d5dbe3);
      border-radius: 6px;
      padding: 0.75rem 1rem;
      margin-bottom: 1rem;
      background: #fbfcfd;
    }
    article.component header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
      margin-bottom: 0.5rem;
    }
    article.component h3 {
      margin: 0;
    }
    .kind {
      font-weight: 400;
      font-size: 0.85rem;
      color: var(--rb-muted, #5b6675);
      margin-left: 0.4rem;
    }
    details summary {
      cursor: pointer;
      font-weight: 600;
      color: var(--rb-accent, #1f4e79);
      margin: 0.25rem 0 0.75rem;
    }
    .add-component {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .add-component label {
      font-weight: 600;
    }
    .summary {
      border-left: 6px solid var(--rb-bad, #a3262a);
    }
    .summary.ok {
      border-left-color: var(--rb-good, #1e6b3a);
    }
    .summary ul {
      margin: 0.4rem 0 0;
      padding-left: 1.2rem;
      max-height: 14rem;
      overflow: auto;
    }
    .summary button.link {
      border: none;
      background: none;
      padding: 0;
      color: var(--rb-accent, #1f4e79);
      text-decoration: underline;
      font-weight: 400;
      font-family: var(--rb-mono, monospace);
      font-size: 0.88rem;
    }
    .section-issues {
      margin: 0.25rem 0 0.5rem;
    }
    .section-issues code {
      font-size: 0.85rem;
    }
    input.number {
      font-variant-numeric: tabular-nums;
    }
  `,
];

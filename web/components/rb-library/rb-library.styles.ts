import { css } from 'lit';
import { shared } from '../../styles/shared.js';

export const styles = [
  shared,
  css`
    :host {
      display: block;
    }
    section {
      margin-bottom: 2rem;
    }
    .intro {
      max-width: 60rem;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr));
      gap: 1rem;
    }
    .scenario {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .scenario h3 {
      margin: 0;
    }
    .scenario p {
      margin: 0;
      display: -webkit-box;
      -webkit-line-clamp: 4;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .question {
      font-style: italic;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin-top: auto;
      padding-top: 0.5rem;
    }
    .saved td {
      vertical-align: middle;
    }
    .saved td.actions-cell {
      text-align: right;
    }
    .saved .actions {
      justify-content: flex-end;
      padding: 0;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin-bottom: 1rem;
    }
    .file {
      position: relative;
    }
    .file input {
      position: absolute;
      inset: 0;
      opacity: 0;
      cursor: pointer;
      width: 100%;
    }
    .file:focus-within .button {
      outline: 3px solid var(--rb-focus, #f0a30a);
      outline-offset: 2px;
    }
    .import-error {
      border-color: var(--rb-bad, #a3262a);
      border-left-width: 6px;
      margin-bottom: 1rem;
    }
    .import-error ul {
      margin: 0.25rem 0 0.5rem;
      padding-left: 1.2rem;
    }
    .import-error code {
      font-family: var(--rb-mono, monospace);
      font-size: 0.88rem;
    }
    .continue {
      border-left: 6px solid var(--rb-warn, #8a5a00);
      margin-bottom: 1rem;
    }
    .continue ul,
    .damaged ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .continue li {
      display: flex;
      align-items: center;
      gap: 0.5rem 1rem;
      flex-wrap: wrap;
      padding: 0.3rem 0;
    }
    .damaged {
      border-left: 6px solid var(--rb-bad, #a3262a);
      margin: 1rem 0;
    }
    .damaged li {
      display: flex;
      align-items: center;
      gap: 0.5rem 1rem;
      flex-wrap: wrap;
      padding: 0.3rem 0;
    }
    .damaged .actions {
      display: inline-flex;
      gap: 0.5rem;
    }
    .rename {
      display: flex;
      gap: 0.4rem;
    }
    .rename input {
      flex: 1;
    }
  `,
];

import { css } from 'lit';
import { shared } from '../../styles/shared.js';

export const styles = [
  shared,
  css`
    :host {
      display: block;
      min-height: 100vh;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1.5rem;
      padding: 0.6rem 1.25rem;
      background: var(--rb-accent, #1f4e79);
      color: #fff;
    }
    .brand {
      font-size: 1.3rem;
      font-weight: 700;
      color: #fff;
      text-decoration: none;
      letter-spacing: 0.01em;
    }
    .brand small {
      display: block;
      font-size: 0.72rem;
      font-weight: 400;
      opacity: 0.85;
    }
    nav ul {
      display: flex;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    nav a {
      display: block;
      padding: 0.45rem 0.9rem;
      border-radius: 6px;
      color: #fff;
      text-decoration: none;
      font-weight: 600;
    }
    nav a[aria-current='page'] {
      background: #fff;
      color: var(--rb-accent, #1f4e79);
    }
    nav a:hover:not([aria-current='page']) {
      background: rgba(255, 255, 255, 0.15);
    }
    .end {
      margin-left: auto;
      display: flex;
      align-items: center;
      gap: 0.6rem 1rem;
      flex-wrap: wrap;
    }
    .working {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      flex-wrap: wrap;
    }
    .working .name {
      font-weight: 600;
      max-width: 18rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .badge {
      font-size: 0.8rem;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: #ffe7a8;
      color: #4d3800;
      font-weight: 600;
    }
    header button {
      border-color: #fff;
    }
    .language {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.9rem;
    }
    .language select {
      font: inherit;
      color: var(--rb-ink, #1b2430);
      background: #fff;
      padding: 0.2rem 0.4rem;
      border-radius: 6px;
    }
    .skip {
      position: absolute;
      left: 0.5rem;
      top: -3rem;
      z-index: 50;
      padding: 0.5rem 1rem;
      background: #fff;
      color: var(--rb-accent, #1f4e79);
      font-weight: 600;
      border-radius: 6px;
    }
    .skip:focus {
      top: 0.5rem;
    }
    main:focus {
      outline: none;
    }
    dialog.save {
      width: min(32rem, calc(100vw - 2rem));
      box-shadow: 0 8px 40px rgba(0, 0, 0, 0.3);
    }
    dialog.save::backdrop {
      background: rgba(0, 0, 0, 0.35);
    }
    dialog.save label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    dialog.save input {
      width: 100%;
      margin-bottom: 0.5rem;
    }
    .dialog-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
    main {
      padding: 1.25rem;
      max-width: 1600px;
      margin: 0 auto;
    }
    .toasts {
      position: fixed;
      bottom: 1rem;
      left: 50%;
      transform: translateX(-50%);
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      z-index: 10;
      width: min(42rem, calc(100vw - 2rem));
    }
    .toast {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 0.7rem 1rem;
      border-radius: 6px;
      background: #1b2430;
      color: #fff;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
    }
    .toast.error {
      background: var(--rb-bad, #a3262a);
    }
    .toast span {
      flex: 1;
      white-space: pre-line;
    }
    .toast button {
      background: transparent;
      color: #fff;
      border-color: #fff;
    }
    .share {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin-bottom: 1rem;
    }
    .share input {
      flex: 1;
      font-family: var(--rb-mono, monospace);
      font-size: 0.85rem;
    }
    .empty {
      max-width: 40rem;
    }
  `,
];

/**
 * Problems found in a scenario or model file, each with the JSON path of the value at fault,
 * and the error that carries all of them at once.
 */

import { english, msg, type Message, type MessageCode, type ParamsOf } from '../messages/index.js';
import { MAX_SHOWN_TEXT } from '../limits.js';

/**
 * One problem, located by its JSON path (`providers[2].type`); `message` does not repeat the path.
 * `detail` is the same message as data, for a surface that says it in the reader's language.
 */
export interface Issue {
  path: string;
  /** In English. */
  message: string;
  detail?: Message;
}

/**
 * An issue from a message.
 * @example issueOf('simulation.years', msg('required', {})) // { path: 'simulation.years', message: 'required', detail: … }
 */
export function issueOf(path: string, detail: Message): Issue {
  return { path, message: english(detail), detail };
}

/**
 * One issue as a line of text.
 * @example formatIssue({ path: 'providers[2].type', message: "'x' is not one of …" }) // "providers[2].type: 'x' is not one of …"
 */
export function formatIssue(issue: Issue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Thrown by the file loaders: every issue, one per line, after an optional line naming the file. */
export class ScenarioError extends Error {
  readonly issues: Issue[];

  /** @example throw new ScenarioError([issueOf('simulation.years', msg('required', {}))], 'scenarios/a.json') */
  constructor(issues: Issue[], source?: string) {
    const lines = issues.map(formatIssue);
    const header = source === undefined ? [] : [`${source}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`];
    super([...header, ...lines].join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Collects errors and warnings while a validator walks a document. */
export class IssueList {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];

  /** @example issues.error('simulation.years', 'required', {}) */
  error<K extends MessageCode>(path: string, code: K, params: ParamsOf<K>): void {
    this.errors.push(issueOf(path, msg(code, params)));
  }

  /** An error whose message was made elsewhere (by the formula sandbox). */
  errorMessage(path: string, message: Message): void {
    this.errors.push(issueOf(path, message));
  }

  /** @example issues.warn('population.municipalities[1]', 'noHospital', { municipality: 'm2' }) */
  warn<K extends MessageCode>(path: string, code: K, params: ParamsOf<K>): void {
    this.warnings.push(issueOf(path, msg(code, params)));
  }
}

/**
 * The path of a property: `a.b` for plain keys, `a["odd key"]` for keys a reader could misread.
 * @example keyPath('care.coordination', 'vc-a') // 'care.coordination.vc-a'
 */
export function keyPath(parent: string, key: string): string {
  // A key longer than anyone would type is named by its start and its length (MAX_SHOWN_TEXT).
  if (key.length > MAX_SHOWN_TEXT) return `${parent}[${JSON.stringify(key.slice(0, MAX_SHOWN_TEXT))}… (${key.length.toLocaleString('en-US')} characters)]`;
  if (!/^[A-Za-z0-9_-]+$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The path of an array element.
 * @example indexPath('providers', 2) // 'providers[2]'
 */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

// Makes sure a system Chromium is there for the browser tests (playwright-core never downloads
// one): installs Debian's `chromium` with apt-get when /usr/bin/chromium is missing.
// Usage: `node scripts/ensure-chromium.mjs`, or import { ensureChromium } from the test setup.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.REIMBURSE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The path of a Chromium executable, installing it first if needed.
 * @example const executablePath = ensureChromium()
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  process.stderr.write(`reimburse: ${CHROMIUM} is missing; installing chromium with apt-get (needs root)…\n`);
  const sudo = typeof process.getuid === 'function' && process.getuid() !== 0 ? 'sudo ' : '';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync(`${sudo}apt-get update`, { stdio: ['ignore', 'inherit', 'inherit'], env });
  // A font too: without one, screenshots of the app show boxes instead of text.
  execSync(`${sudo}apt-get install -y --no-install-recommends chromium fonts-dejavu-core`, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${ensureChromium()}\n`);
}

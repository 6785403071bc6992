// Installs dependencies on a fresh machine so `npm start` and `npm test` work as the first command.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const need = ['node_modules/.package-lock.json', 'node_modules/vitest', 'node_modules/mathjs'];
if (!need.every((p) => existsSync(p))) {
  process.stderr.write('reimburse: installing dependencies (npm ci)…\n');
  execSync(existsSync('package-lock.json') ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund', { stdio: 'inherit' });
}

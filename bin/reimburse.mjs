#!/usr/bin/env node
// Launches the TypeScript CLI in this process: tsx compiles src/ on the fly, so there is no build
// step between editing a file and running it. The exit code is the one src/cli/main.ts returns.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));

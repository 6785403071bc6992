#!/usr/bin/env node
// Runs the CLI from its bundle (dist-cli/reimburse.mjs), built on first use and again whenever a
// file it was built from is newer (bin/build-cli.mjs). The exit code is the one src/cli/main.ts returns.
import { pathToFileURL } from 'node:url';
import { ensureCli } from './build-cli.mjs';

const { main } = await import(pathToFileURL(await ensureCli({ quiet: process.argv.includes('--quiet') || process.argv.includes('-q') })).href);
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));

// Preloaded (`node -r bench/usage.cjs …`) into every process the bench times: at exit it writes the
// process's own CPU time and peak resident memory to the file named by BENCH_USAGE_FILE.
/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- CommonJS, so that `node -r` preloads it before anything else */
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS }));
  });
}

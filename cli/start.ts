#!/usr/bin/env node
// The bundle's entry (scripts/build.js). Run by node, it is the executable: cli/entry.ts. Run by
// `node --build-snapshot` (scripts/build.js, the image's Dockerfile), it loads everything, renders
// a sample once so V8 has compiled the code a render runs, and leaves cli/entry.ts as the
// snapshot's main function: bin/backstage-render starts from that snapshot when it was made by the
// node about to run it (docs/performance.md, Start-up).
if (process.execArgv.includes('--build-snapshot')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./snapshot') as typeof import('./snapshot')).prepareSnapshot(() => require('./entry'));
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./entry');
}

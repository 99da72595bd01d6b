#!/usr/bin/env node
// Prints the one line CI reads: "N passed, N failed[, N skipped]". A type-check failure counts
// as one failed check; a missing jest report means the run failed.
const fs = require('node:fs');
const [file, statusArg] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  skipped = r.numPendingTests + (r.numTodoTests || 0);
} catch (e) {
  failed += 1;
}
if (statusArg === '1' && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

// Lists every skipped test by name at the end of a run, with the reason its name carries (tests that
// need ../shared/operator-data or a program say so: test/operator-data.ts), so a skip is never silent.
const path = require('node:path');

class SkippedReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status === 'pending' || t.status === 'todo' || t.status === 'skipped') {
          skipped.push(`  ${path.relative(this.rootDir, file.testFilePath)} › ${[...t.ancestorTitles, t.title].join(' › ')}`);
        }
      }
    }
    if (skipped.length === 0) return;
    process.stderr.write(`\n${skipped.length} skipped test(s):\n${skipped.join('\n')}\n`);
  }
}

module.exports = SkippedReporter;

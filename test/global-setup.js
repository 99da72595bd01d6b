// Tests that run the real orchestrators call bin/backstage-render, which runs the bundle:
// rebuild it from the current sources first. If the build fails the bundle is removed, so those
// tests fail plainly instead of running stale code; unit tests still run.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  try {
    execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.js')], { stdio: 'pipe' });
  } catch (e) {
    fs.rmSync(path.join(__dirname, '..', 'dist', 'backstage-render.js'), { force: true });
    process.stderr.write(`\nbundle build failed; end-to-end tests will fail:\n${String(e.stderr || e.message).slice(0, 2000)}\n`);
  }
};

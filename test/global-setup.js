// Tests that run the real orchestrators call bin/backstage-render, which runs the bundle:
// rebuild it from the current sources first.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.js')], { stdio: 'inherit' });
};

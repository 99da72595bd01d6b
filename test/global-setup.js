// Tests that run the real orchestrators call bin/backstage-render, which runs the bundle:
// rebuild it from the current sources first. If the build fails the bundle is removed, so those
// tests fail plainly instead of running stale code; unit tests still run.
// The strict Kubernetes schemas of fn/validate/k8s-output.ts (build/k8s/, made by `npm ci`) are
// generated here too when they are missing or come from another @kubernetes/client-node version,
// and so are the custom kinds' validators (build/k8s/custom-kinds.cjs, scripts/custom-kind-validators.mjs).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function k8sSchemasCurrent() {
  try {
    const kinds = JSON.parse(fs.readFileSync(path.join(root, 'build', 'k8s', 'kinds.json'), 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@kubernetes', 'client-node', 'package.json'), 'utf8'));
    return fs.existsSync(path.join(root, 'build', 'k8s', 'kubernetes-strict.schema.json')) && kinds.source === `@kubernetes/client-node@${pkg.version}`;
  } catch {
    return false;
  }
}

/** build/k8s/custom-kinds.cjs exists and was made from the @kubernetes-models versions pinned in scripts/schema-packages.json. */
function customKindsCurrent() {
  try {
    const head = fs.readFileSync(path.join(root, 'build', 'k8s', 'custom-kinds.cjs'), 'utf8').split('\n', 1)[0];
    const sources = [...head.matchAll(/(@kubernetes-models\/[a-z-]+)@([0-9][^,\s]*)/g)];
    const pins = JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'schema-packages.json'), 'utf8')).packages;
    // made by the script of today: with the unknown-field shapes
    return head.includes('unknown-field shapes') && sources.length > 0 && sources.every(([, name, version]) => pins[name]?.version === version.replace(/\.$/, ''));
  } catch {
    return false;
  }
}

module.exports = async () => {
  if (!customKindsCurrent()) {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'custom-kind-validators.mjs')], { stdio: 'pipe' });
    } catch (e) {
      process.stderr.write(`\nCustom kind validator generation failed; output validation tests will fail:\n${String(e.stderr || e.message).slice(0, 2000)}\n`);
    }
  }
  if (!k8sSchemasCurrent()) {
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'k8s-schemas.mjs')], { stdio: 'pipe' });
    } catch (e) {
      process.stderr.write(`\nKubernetes schema generation failed; strict validation tests will fail:\n${String(e.stderr || e.message).slice(0, 2000)}\n`);
    }
  }
  try {
    execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.js')], { stdio: 'pipe' });
  } catch (e) {
    fs.rmSync(path.join(__dirname, '..', 'dist', 'backstage-render.js'), { force: true });
    fs.rmSync(path.join(__dirname, '..', 'build', 'cr-validators.js'), { force: true }); // precompiled-validators.test.ts
    process.stderr.write(`\nbundle build failed; end-to-end tests will fail:\n${String(e.stderr || e.message).slice(0, 2000)}\n`);
  }
};

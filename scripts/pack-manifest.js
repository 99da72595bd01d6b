#!/usr/bin/env node
// The package.json that goes into the npm tarball is the one a user installs: no `prepare` (it
// builds a clone; npm would list it as an install script the user has to allow), no dev
// dependencies or overrides. `prepack` (after the build) strips them, `postpack` puts the clone's
// package.json back. An interrupted pack leaves build/package.json.clone: copy it back.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const file = path.join(root, 'package.json');
const saved = path.join(root, 'build', 'package.json.clone');

if (process.argv[2] === 'strip') {
  const text = fs.readFileSync(file, 'utf8');
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  fs.writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  const { devDependencies, overrides, scripts, ...published } = pkg;
  fs.writeFileSync(file, `${JSON.stringify(published, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  if (fs.existsSync(saved)) {
    fs.writeFileSync(file, fs.readFileSync(saved, 'utf8'));
    fs.rmSync(saved);
  }
} else {
  console.error('usage: pack-manifest.js strip|restore');
  process.exit(1);
}

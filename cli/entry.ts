#!/usr/bin/env node
import * as fs from 'node:fs';
import { main } from './main';

function readStdin(): string {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EAGAIN' || (e as NodeJS.ErrnoException).code === 'EOF') return '';
    throw e;
  }
}

let out = '';
let err = '';
let code: number;
try {
  code = main({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    readStdin,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
} catch (e) {
  // Our bug, not the user's: say so in one line, with the stack for the report.
  err += `internal error: ${(e as Error).message}\n${(e as Error).stack ?? ''}\nPlease report this with the input that caused it.\n`;
  code = 3;
}
// Everything is written at the end: never half an output.
// Pipes are written synchronously on Linux, so the exit code follows the whole output.
if (out) process.stdout.write(out);
if (err) process.stderr.write(err);
process.exitCode = code;

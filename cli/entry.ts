#!/usr/bin/env node
import * as fs from 'node:fs';
import { main } from './main';
import { decodeInput, MAX_INPUT_BYTES, UnreadableInputError } from './inputs';
import { writeResourceList } from '../fn/kio/resourcelist';

/** Stdin, at most MAX_INPUT_BYTES (more is an error, not a process that grows without bound), as UTF-8. */
function readStdin(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      // A terminal or an empty non-blocking stdin: nothing to read (as before).
      if (code === 'EAGAIN' && total === 0) break;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT_BYTES) throw new UnreadableInputError(`<stdin>: larger than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return decodeInput(Buffer.concat(chunks), '<stdin>');
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
  if (e instanceof UnreadableInputError) {
    // Stdin too large or not UTF-8: one line, exit 1; as a KRM function, a ResourceList with the
    // error result (no items: none could be read).
    out = process.argv.length > 2 ? '' : writeResourceList([], [{ severity: 'error', message: e.message }]);
    err = `error: ${e.message}\n`;
    code = 1;
  } else {
    // Our bug, not the user's: say so in one line. The stack only on request (it means nothing to
    // the CI log reader, and a pipeline's output must never be a stack trace).
    const debug = process.env.BACKSTAGE_RENDER_DEBUG === '1';
    err += `internal error: ${(e as Error).message}. Please report this with the input that caused it${debug ? '' : ' (BACKSTAGE_RENDER_DEBUG=1 prints the stack)'}.\n`;
    if (debug) err += `${(e as Error).stack ?? ''}\n`;
    code = 3;
  }
}
// Everything is written at the end: never half an output.
// Pipes are written synchronously on Linux, so the exit code follows the whole output.
if (out) process.stdout.write(out);
if (err) process.stderr.write(err);
process.exitCode = code;

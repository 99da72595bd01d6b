import * as fs from 'node:fs';
import { decodeInput, MAX_INPUT_BYTES, UnreadableInputError } from './inputs';
import { runToOutcome } from './outcome';
import { writeAll } from './write-fd';

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

/**
 * Whether fd is a terminal. Asked of fstat first: a pipe or a file (how kpt and kustomize call
 * us) is answered without loading node:tty (it loads node:net: about 2 ms of a 1-CR run), and
 * without process.stdin/stdout, whose streams cost as much again to make.
 */
function isTerminal(fd: number): boolean {
  try {
    if (!fs.fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** The shell's status for a process ended by SIGPIPE (128 + 13): what `cat` and `kubectl get` give under `| head`. */
export const EXIT_CLOSED_PIPE = 141;

/** writeAll for the parts in turn, about a MiB at a time, until a write fails. */
function writeParts(fd: number, parts: string[]): string | undefined {
  let batch: string[] = [];
  let size = 0;
  for (let i = 0; i < parts.length; i++) {
    batch.push(parts[i]);
    size += parts[i].length;
    if (size < 1 << 20 && i < parts.length - 1) continue;
    const failed = writeAll(fd, batch.join(''));
    if (failed !== undefined) return failed;
    batch = [];
    size = 0;
  }
  return undefined;
}

/**
 * Node reopens a closed stdout (`>&-`) on /dev/null, read-write, so writes to it succeed and the
 * output is lost unseen. A redirection to /dev/null (`>/dev/null`) opens it write-only. Linux:
 * /proc tells the two apart; elsewhere nothing is detected.
 */
function stdoutWasClosed(): boolean {
  try {
    if (fs.readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(fs.readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (parseInt(flags[1], 8) & 3) === 2;
  } catch {
    return false;
  }
}

/**
 * stdout as the KRM function writes it while it renders: about a MiB at a time, synchronously;
 * after a failed write nothing more is written (the failure is reported at the end).
 */
const streamed = {
  batch: [] as string[],
  size: 0,
  checked: false,
  failed: undefined as string | undefined,
  write(s: string): void {
    if (this.failed !== undefined || s === '') return;
    if (!this.checked) {
      this.checked = true;
      if (stdoutWasClosed()) {
        this.failed = 'EBADF: stdout is closed';
        return;
      }
    }
    this.batch.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  },
  flush(): void {
    if (this.failed === undefined && this.batch.length > 0) this.failed = writeAll(1, this.batch.join(''));
    this.batch = [];
    this.size = 0;
  },
};

const { out, err, code: outcomeCode } = runToOutcome({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  readStdin,
  columns: isTerminal(1) ? process.stdout.columns : undefined,
  stdinIsTTY: isTerminal(0),
  prompt: (s) => void writeAll(2, s),
  stream: (s) => streamed.write(s),
});
streamed.flush();
let code = outcomeCode;
// The CLI's output is written at the end: never half an output (the KRM function's was written
// as it was made: orchestrators judge it by the exit code). Written synchronously, so the exit
// code follows the whole output. A reader that went away (`| head`) ends us quietly, as it ends
// `cat`; any other failure (a full disk, stdout closed) is one line on stderr and exit 1.
const failed = streamed.failed ?? (out.length > 0 ? (streamed.checked || !stdoutWasClosed() ? writeParts(1, out) : 'EBADF: stdout is closed') : undefined);
if (err) writeAll(2, err);
if (failed === 'EPIPE') code = EXIT_CLOSED_PIPE;
else if (failed !== undefined) {
  writeAll(2, `error: could not write the output to stdout (${failed}); nothing usable was written\n`);
  code = 1;
}
// Exit now: everything was written synchronously, so nothing is pending, and leaving the event
// loop to end by itself first tears down the heap (a few ms of a 1-CR run; docs/performance.md).
process.exit(code);

// Writing to a file descriptor synchronously, whole, with the error code of a failed write.
import * as fs from 'node:fs';

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Writes all of text to fd synchronously (a stream would report EPIPE/ENOSPC as an unhandled
 * 'error' event with a stack trace, and a closed fd 1 not at all). Returns the error code of a
 * failed write, or undefined.
 */
export function writeAll(fd: number, text: string): string | undefined {
  // A MiB of text at a time: a 50 MB part as one Buffer would be a third copy of it in memory.
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + (1 << 20), text.length);
    // Never between the two halves of a surrogate pair (each half alone would be written as U+FFFD).
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    const failed = writeBytes(fd, Buffer.from(text.slice(start, end), 'utf8'));
    if (failed !== undefined) return failed;
    start = end;
  }
  return undefined;
}

function writeBytes(fd: number, buf: Buffer): string | undefined {
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      if (code === 'EAGAIN') {
        pause(5);
        continue;
      }
      return code;
    }
  }
  return undefined;
}


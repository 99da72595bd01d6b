// writeAll writes a text a MiB at a time (a large output part is never copied whole into one
// Buffer): the bytes are the text's UTF-8 whatever falls on a slice boundary.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeAll } from '../../cli/write-fd';

const MIB = 1 << 20;

function written(text: string): Buffer {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'write-fd-')), 'out');
  const fd = fs.openSync(file, 'w');
  try {
    expect(writeAll(fd, text)).toBeUndefined();
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(file);
}

describe('writeAll', () => {
  test.each([
    ['a surrogate pair across the first MiB boundary', 'a'.repeat(MIB - 1) + '\u{1F600}' + 'b'],
    ['a surrogate pair right after it', 'a'.repeat(MIB) + '\u{1F600}'],
    ['pairs across every boundary of 3 MiB', ('\u{1F600}' + 'x'.repeat(MIB - 1)).repeat(3)],
    ['two-byte and three-byte characters', 'é€'.repeat(MIB)],
    ['an empty text', ''],
  ])('%s: the bytes are the UTF-8 of the text', (_, text) => {
    expect(written(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  test('a closed descriptor: the error code, nothing thrown', () => {
    const fd = fs.openSync(os.devNull, 'r');
    expect(writeAll(fd, 'x'.repeat(10))).toBe('EBADF');
    fs.closeSync(fd);
  });
});

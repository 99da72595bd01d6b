// What the executable prints and its exit code, for any run: main's answer, or for an error that
// escapes it one line (and, as a KRM function, a ResourceList with that error: the orchestrator
// reads one). cli/entry.ts writes it.
import { writeResourceList } from '../fn/kio/resourcelist';
import { main, type Io } from './main';
import { UnreadableInputError } from './inputs';
import { internalError } from './internal-error';

export interface Outcome {
  /** stdout in the parts main wrote (a large output is never one string). */
  out: string[];
  err: string;
  code: number;
}

export function runToOutcome(io: Omit<Io, 'stdout' | 'stderr'>): Outcome {
  const krmDoor = io.argv.length === 0;
  const out: string[] = [];
  let err = '';
  try {
    const code = main({
      ...io,
      stdout: (s) => {
        if (s !== '') out.push(s);
      },
      stderr: (s) => (err += s),
    });
    return { out, err, code };
  } catch (e) {
    if (e instanceof UnreadableInputError) {
      // Stdin too large or not UTF-8: one line, exit 1; as a KRM function, a ResourceList with the
      // error result (no items: none could be read).
      return { out: krmDoor ? [writeResourceList([], [{ severity: 'error', message: e.message }])] : [], err: `error: ${e.message}\n`, code: 1 };
    }
    // Our bug, not the user's: say so in one line (cli/internal-error.ts).
    const { message, stderr } = internalError(e, io.env);
    let list = '';
    if (krmDoor) {
      try {
        list = writeResourceList([], [{ severity: 'error', message }]);
      } catch {
        list = '';
      }
    }
    return { out: list ? [list] : [], err: `${err}${stderr}`, code: 3 };
  }
}

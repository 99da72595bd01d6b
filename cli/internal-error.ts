// An error that escapes the doors is our bug, not the user's: one line that says so. The stack
// only on request (it means nothing to the CI log reader, and a pipeline's output must never be a
// stack trace).
export function internalError(e: unknown, env: NodeJS.ProcessEnv): { message: string; stderr: string } {
  const debug = env.BACKSTAGE_RENDER_DEBUG === '1';
  const message = `internal error: ${(e as Error).message}. Please report this with the input that caused it${debug ? '' : ' (BACKSTAGE_RENDER_DEBUG=1 prints the stack)'}.`;
  return { message, stderr: `${message}\n${debug ? `${(e as Error).stack ?? ''}\n` : ''}` };
}

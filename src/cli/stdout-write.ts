/**
 * Writing a command's output to stdout with back-pressure: each write resolves once the data is
 * handed on. When the reader goes away (`… | head`), the command stops quietly with exit code 0
 * (issue 17: shared by `hj212` and `gb17691` parse/build).
 */
import { EXIT } from '../errors.ts';

/** Writes a piece of output; resolves once it is written. */
export type StdoutWrite = (data: string | Uint8Array) => Promise<void>;

/** Runs a command writing to stdout; returns its exit code (0 when the reader went away). */
export async function toStdout(run: (write: StdoutWrite) => Promise<number>): Promise<number> {
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  process.stdout.on('error', onError);
  const write: StdoutWrite = (data) =>
    broken !== undefined
      ? Promise.reject(broken)
      : new Promise<void>((resolve, reject) => {
          process.stdout.write(data, (err) => (err ? reject(err) : resolve()));
        });
  try {
    return await run(write);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return EXIT.ok;
    throw err;
  } finally {
    process.stdout.off('error', onError);
  }
}

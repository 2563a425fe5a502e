/**
 * A closed pipe ends the command quietly: when the reader of stdout goes away
 * (`lantian station list | head -2`), the command stops at once with exit code 0, as Unix tools
 * do on SIGPIPE, instead of dying with an unhandled EPIPE.
 */

let installed = false;

/** Installs the handler on stdout and stderr (once per process). */
export function endQuietlyOnClosedPipe(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}

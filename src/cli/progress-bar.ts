/**
 * Progress on stderr for the CLI: a bar when stderr is a terminal, otherwise one line when a phase
 * starts and one when it ends (so that logs of CI runs stay readable).
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../imports/progress.ts';

/** A Progress drawn on stderr. `quiet` turns it off. */
export function stderrProgress(quiet = false): Progress {
  if (quiet) return { start() {}, tick() {}, stop() {} };
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  let label = '';
  let total = 0;
  let started = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      started = Date.now();
      if (tty) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${l} |{bar}| {percentage}% {value}/{total} 剩余 {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(t, 0);
      } else {
        process.stderr.write(`${l}：共 ${t}…\n`);
      }
    },
    tick(n) {
      bar?.increment(n);
    },
    stop() {
      if (bar) {
        bar.stop();
        bar = undefined;
      } else {
        process.stderr.write(
          `${label}：完成 ${total}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`,
        );
      }
    },
  };
}

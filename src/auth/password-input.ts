/**
 * Reading a password on the command line: from a terminal without echo (asked twice when it is a
 * new one), or from standard input with --password-stdin (scripts, secrets managers). Never from
 * an argument: arguments show in `ps` and in shell history.
 */
import { LantianError } from '../errors.ts';

/** Reads all of standard input and drops one trailing line break. */
export async function readPasswordFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw new LantianError('LT_ERR_BAD_REQUEST', '标准输入中没有密码');
  return text;
}

/** Asks for a line on the terminal without echoing it; Ctrl-C aborts. */
export function promptHidden(
  question: string,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    // Echo off before the question appears, so that nothing typed after it is ever shown.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.resume();
    const done = (err?: Error): void => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (data: string): void => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new LantianError('LT_ERR_BAD_REQUEST', '已取消'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A password from --password-stdin or the terminal. `confirm` asks twice (new passwords).
 * Without a terminal and without --password-stdin it refuses rather than wait on a pipe.
 */
export async function readPassword(opts: {
  fromStdin: boolean;
  confirm: boolean;
}): Promise<string> {
  if (opts.fromStdin) return readPasswordFromStdin();
  if (!process.stdin.isTTY) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      '标准输入不是终端：请用 --password-stdin 从标准输入提供密码',
    );
  }
  const first = await promptHidden('密码：');
  if (opts.confirm && (await promptHidden('再次输入密码：')) !== first) {
    throw new LantianError('LT_ERR_BAD_REQUEST', '两次输入的密码不一致');
  }
  return first;
}

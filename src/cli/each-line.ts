/**
 * Reading a UTF-8 text stream line by line, one line at a time (issue 17: shared by `hj212` and
 * `gb17691` build). A character split between two chunks is joined again; the last line may lack
 * its newline.
 */
import { StringDecoder } from 'node:string_decoder';

/** Calls `fn` for every line of a UTF-8 text stream, in order, awaiting each call. */
export async function eachLine(
  input: AsyncIterable<Uint8Array | string>,
  fn: (line: string) => Promise<void>,
): Promise<void> {
  const text = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    rest += typeof chunk === 'string' ? chunk : text.write(Buffer.from(chunk));
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      await fn(rest.slice(0, nl));
      rest = rest.slice(nl + 1);
    }
  }
  rest += text.end();
  if (rest !== '') await fn(rest);
}

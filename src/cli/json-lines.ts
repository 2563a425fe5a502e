/**
 * The `build` commands' input (issue 17: shared by `hj212 build` and `gb17691 build`): one JSON
 * value a line; empty lines are skipped; a line that is not JSON, or that the command cannot
 * build, is told on stderr by its number and the others go on; exit code 3 when any line failed.
 */
import { EXIT } from '../errors.ts';
import { eachLine } from './each-line.ts';

/**
 * Calls `build` with the value of every non-empty line of `input`, in order; `build` returns
 * why it refused a value (zh-CN), or nothing. Returns EXIT.input when any line failed, else
 * EXIT.ok.
 */
export async function buildEachJsonLine(
  input: AsyncIterable<Uint8Array | string>,
  warn: (line: string) => void,
  build: (value: unknown) => Promise<string | undefined>,
): Promise<number> {
  let failed = false;
  let lineNo = 0;
  await eachLine(input, async (line) => {
    lineNo++;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      failed = true;
      warn(`第 ${lineNo} 行：不是合法的 JSON`);
      return;
    }
    const refused = await build(value);
    if (refused !== undefined) {
      failed = true;
      warn(`第 ${lineNo} 行：${refused}`);
    }
  });
  return failed ? EXIT.input : EXIT.ok;
}

// `lantian hj212 parse|build`: the HJ 212 packet inspector for people who install devices.
// parse: stdin bytes (one frame per line, or a raw byte stream) → one JSON object per frame.
// build: JSON objects, one per line → frames.

import type { Command } from 'commander';
import { EXIT, LantianError } from '../../errors.ts';
import {
  type CrcVariant,
  CRC_VARIANTS,
  DEFAULT_MAX_FRAME_LENGTH,
  DEFAULT_MN_LENGTH,
  type DecodeEvent,
  Hj212Decoder,
  type Hj212Version,
  type MnLength,
  packetFromJson,
  packetToJson,
  serialize,
} from '../../protocols/hj212/index.ts';
import { buildEachJsonLine } from '../json-lines.ts';
import { parseChoice } from '../options.ts';
import { toStdout, type StdoutWrite } from '../stdout-write.ts';

const EDITIONS: readonly Hj212Version[] = ['2005', '2017', '2025'];

/** Settings of `hj212 parse`. */
export interface Hj212ParseOptions {
  readonly crc: CrcVariant;
  readonly maxLength: number;
  readonly edition?: Hj212Version;
  readonly mnLength: MnLength;
}

/** Where the commands write: text or bytes, awaiting backpressure. */
export type Hj212Write = StdoutWrite;

/** Option values of `hj212 parse` as given on the command line. */
interface RawParseOptions {
  crc?: string;
  maxLength?: string;
  edition?: string;
  mnLength?: string;
}

/** Registers `hj212 parse` and `hj212 build` on the program. */
export function registerHj212Commands(program: Command): void {
  const hj212 = program
    .command('hj212')
    .description('HJ 212 报文工具：解析设备发来的报文、按 JSON 生成报文（供设备安装调试使用）');

  hj212
    .command('parse')
    .description(
      '解析 HJ 212 报文：从标准输入读取（每行一帧，或原始字节流），每帧输出一行 JSON；' +
        '有报文被拒绝时退出码为 3',
    )
    .option('--crc <算法>', CRC_HELP)
    .option(
      '--max-length <字节数>',
      `数据段最大长度，默认 ${DEFAULT_MAX_FRAME_LENGTH}（长度字段的上限；HJ 212-2017 表 2 为 1024），最大 9999`,
    )
    .option('--edition <版本>', '按指定标准版本（2005、2017、2025）解析，忽略 Flag 中的版本位')
    .option(
      '--mn-length <最小-最大>',
      `允许的 MN 长度范围，默认 ${DEFAULT_MN_LENGTH.min}-${DEFAULT_MN_LENGTH.max}`,
    )
    .action(async (raw: RawParseOptions) => {
      const opts = parseOptions(raw);
      process.exitCode = await toStdout((write) => runHj212Parse(process.stdin, write, opts));
    });

  hj212
    .command('build')
    .description(
      '生成 HJ 212 报文：从标准输入逐行读取 JSON 对象（与 parse 的输出格式相同），' +
        '每个对象输出一帧；有行无法生成时在标准错误输出原因，退出码为 3',
    )
    .option('--crc <算法>', CRC_HELP)
    .action(async (raw: { crc?: string }) => {
      const crc = parseCrc(raw.crc);
      const warn = (line: string) => void process.stderr.write(line + '\n');
      process.exitCode = await toStdout((write) =>
        runHj212Build(process.stdin, write, warn, { crc }),
      );
    });
}

/** Runs `hj212 parse` over a byte stream; returns the exit code (0, or 3 if any rejection). */
export async function runHj212Parse(
  input: AsyncIterable<Uint8Array | string>,
  write: Hj212Write,
  options: Hj212ParseOptions,
): Promise<number> {
  const decoder = new Hj212Decoder({
    crc: options.crc,
    maxFrameLength: options.maxLength,
    mnLength: options.mnLength,
    ...(options.edition !== undefined ? { version: options.edition } : {}),
  });
  let rejected = false;
  const emit = async (events: DecodeEvent[]) => {
    if (events.length === 0) return;
    let out = '';
    for (const e of events) {
      if (!e.ok) rejected = true;
      out += JSON.stringify(e.ok ? packetToJson(e.packet) : rejectionJson(e)) + '\n';
    }
    await write(out);
  };
  for await (const chunk of input) {
    await emit(decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
  }
  await emit(decoder.flush());
  return rejected ? EXIT.input : EXIT.ok;
}

/** Runs `hj212 build` over JSON lines; returns the exit code (0, or 3 if any line failed). */
export async function runHj212Build(
  input: AsyncIterable<Uint8Array | string>,
  write: Hj212Write,
  warn: (line: string) => void,
  options: { crc: CrcVariant },
): Promise<number> {
  return buildEachJsonLine(input, warn, async (value) => {
    const r = packetFromJson(value);
    if (!r.ok) return r.detail;
    let frame: Buffer;
    try {
      frame = serialize(r.packet, { crc: options.crc });
    } catch (err) {
      return `无法生成报文（${(err as Error).message}）`;
    }
    await write(frame);
    return undefined;
  });
}

function rejectionJson(e: Extract<DecodeEvent, { ok: false }>) {
  // `raw` (the rejected bytes as text) lets an installer see which frame was refused.
  return { ok: false, error: e.reason, detail: e.detail, raw: e.raw.toString('utf8') };
}

const CRC_HELP = 'CRC 算法：standard（默认，HJ 212-2017 附录 A）、modbus、modbus-le（字节序颠倒）';

function parseOptions(raw: RawParseOptions): Hj212ParseOptions {
  const opts: Hj212ParseOptions = {
    crc: parseCrc(raw.crc),
    maxLength:
      raw.maxLength === undefined ? DEFAULT_MAX_FRAME_LENGTH : parseMaxLength(raw.maxLength),
    mnLength: raw.mnLength === undefined ? DEFAULT_MN_LENGTH : parseMnLength(raw.mnLength),
  };
  if (raw.edition === undefined) return opts;
  return { ...opts, edition: parseChoice('--edition', raw.edition, EDITIONS) };
}

function parseCrc(value: string | undefined): CrcVariant {
  return value === undefined ? 'standard' : parseChoice('--crc', value, CRC_VARIANTS);
}

function parseMaxLength(value: string): number {
  if (!/^\d{1,4}$/.test(value)) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `--max-length 应为 0 到 9999 的整数，收到 "${value}"`,
    );
  }
  return Number(value);
}

function parseMnLength(value: string): MnLength {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(value);
  const min = Number(m?.[1]);
  const max = Number(m?.[2]);
  if (!m || min < 1 || max < min) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `--mn-length 格式为 最小-最大（如 8-24），收到 "${value}"`,
    );
  }
  return { min, max };
}

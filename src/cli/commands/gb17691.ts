// `lantian gb17691 parse|build`: the inspector of heavy-truck terminal frames (GB 17691-2018
// Annex Q / HJ 1239) for installers and tests.
// parse: stdin frames as hex, one per line (or a raw byte stream with --binary) → one JSON
// object per frame or rejection. build: JSON objects, one per line → frames (hex lines, or raw
// bytes with --binary).

import type { Command } from 'commander';
import { EXIT, LantianError } from '../../errors.ts';
import {
  buildFromJson,
  bytesFromHex,
  type DecodeEvent,
  type DecoderOptions,
  DEFAULT_MAX_DATA_LENGTH,
  Gb17691Decoder,
  type Layout,
  LAYOUTS,
  MAX_DATA_LENGTH,
  messageToJson,
  REJECT_REASONS,
  toHex,
  type VinCheckDigitPolicy,
} from '../../protocols/gb17691/index.ts';
import { eachLine } from '../each-line.ts';
import { buildEachJsonLine } from '../json-lines.ts';
import { parseChoice } from '../options.ts';
import { toStdout, type StdoutWrite } from '../stdout-write.ts';

/** Where the commands write: text or bytes, awaiting backpressure. */
export type Gb17691Write = StdoutWrite;

/** Settings of `gb17691 parse`. */
export interface Gb17691ParseOptions {
  /** Read a raw byte stream instead of hex lines. */
  readonly binary: boolean;
  readonly decoder: DecoderOptions;
}

interface RawParseOptions {
  binary?: boolean;
  maxLength?: string;
  vinCheck?: string;
  layout?: string;
  publicKey?: string;
  chipId?: string;
}

const VIN_CHECKS: readonly VinCheckDigitPolicy[] = ['warn', 'reject', 'off'];

/** Registers `gb17691 parse` and `gb17691 build` on the program. */
export function registerGb17691Commands(program: Command): void {
  const cmd = program
    .command('gb17691')
    .description(
      '重型车远程排放监控报文工具（GB 17691-2018 附录 Q / HJ 1239）：解析终端报文、按 JSON 生成报文',
    );

  cmd
    .command('parse')
    .description(
      '解析终端报文：从标准输入逐行读取十六进制报文（或用 --binary 读取原始字节流），' +
        '每帧输出一行 JSON；有报文被拒绝时退出码为 3',
    )
    .option('--binary', '标准输入是原始字节流（如抓包保存的 TCP 数据），而不是每行一帧的十六进制')
    .option(
      '--max-length <字节数>',
      `数据单元最大长度，默认 ${DEFAULT_MAX_DATA_LENGTH}，最大 ${MAX_DATA_LENGTH}`,
    )
    .option(
      '--vin-check <方式>',
      'VIN 校验位（GB 16735）不符时：warn（默认，警告）、reject（拒绝）、off（不检查）',
    )
    .option('--layout <布局>', `实时信息的数据单元布局，优先按此解析：${LAYOUTS.join('、')}`)
    .option(
      '--public-key <十六进制>',
      '终端安全芯片的 SM2 公钥（X‖Y，128 位十六进制），用于验证签名',
    )
    .option('--chip-id <芯片ID>', '安全芯片 ID（SM2 用户标识）；激活报文默认用报文中的芯片 ID')
    .action(async (raw: RawParseOptions) => {
      const opts = parseOptions(raw);
      process.exitCode = await toStdout((write) => runGb17691Parse(process.stdin, write, opts));
    });

  cmd
    .command('build')
    .description(
      '生成终端报文：从标准输入逐行读取 JSON 对象（与 parse 的输出格式相同，' +
        '另可用 data、length、bcc 字段构造任意报文），每个对象输出一行十六进制报文；' +
        '有行无法生成时在标准错误输出原因，退出码为 3',
    )
    .option('--binary', '输出原始字节而不是每行一帧的十六进制')
    .action(async (raw: { binary?: boolean }) => {
      const warn = (line: string) => void process.stderr.write(line + '\n');
      process.exitCode = await toStdout((write) =>
        runGb17691Build(process.stdin, write, warn, { binary: raw.binary === true }),
      );
    });
}

/** Runs `gb17691 parse`; returns the exit code (0, or 3 if any frame was rejected). */
export async function runGb17691Parse(
  input: AsyncIterable<Uint8Array | string>,
  write: Gb17691Write,
  options: Gb17691ParseOptions,
): Promise<number> {
  const decoder = new Gb17691Decoder(options.decoder);
  let rejected = false;
  const emit = async (lines: object[]) => {
    if (lines.length === 0) return;
    await write(lines.map((l) => JSON.stringify(l) + '\n').join(''));
  };
  const json = (events: DecodeEvent[]) =>
    events.map((e) => {
      if (e.ok) return messageToJson(e.message);
      rejected = true;
      return rejectionJson(e);
    });
  if (options.binary) {
    for await (const chunk of input) {
      await emit(
        json(decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk)),
      );
    }
    await emit(json(decoder.flush()));
  } else {
    await eachLine(input, async (line) => {
      const text = line.trim();
      if (text === '') return;
      const bytes = bytesFromHex(text);
      if (bytes === null) {
        rejected = true;
        const detail = `${REJECT_REASONS.bad_hex}（收到 ${text.length} 个字符）`;
        await emit([{ ok: false, error: 'bad_hex', detail, raw: text.slice(0, 200) }]);
        return;
      }
      // Each line is one frame: whatever it leaves incomplete is reported with that line.
      await emit(json([...decoder.push(bytes), ...decoder.flush()]));
    });
  }
  return rejected ? EXIT.input : EXIT.ok;
}

/** Runs `gb17691 build`; returns the exit code (0, or 3 if any line could not be built). */
export async function runGb17691Build(
  input: AsyncIterable<Uint8Array | string>,
  write: Gb17691Write,
  warn: (line: string) => void,
  options: { binary: boolean },
): Promise<number> {
  return buildEachJsonLine(input, warn, async (value) => {
    const r = buildFromJson(value);
    if (!r.ok) return r.detail;
    await write(options.binary ? r.frame : toHex(r.frame) + '\n');
    return undefined;
  });
}

function rejectionJson(e: Extract<DecodeEvent, { ok: false }>) {
  const out: Record<string, unknown> = { ok: false, error: e.reason, detail: e.detail };
  if (e.command !== undefined) out.command = e.command;
  if (e.vin !== undefined) out.vin = e.vin;
  // The rejected bytes, so an installer can see which frame was refused.
  out.raw = toHex(e.raw);
  return out;
}

function parseOptions(raw: RawParseOptions): Gb17691ParseOptions {
  const decoder: {
    -readonly [K in keyof DecoderOptions]: DecoderOptions[K];
  } = {};
  if (raw.maxLength !== undefined) decoder.maxDataLength = parseMaxLength(raw.maxLength);
  if (raw.vinCheck !== undefined)
    decoder.vinCheckDigit = parseChoice('--vin-check', raw.vinCheck, VIN_CHECKS);
  if (raw.layout !== undefined) {
    const layout: Layout = parseChoice('--layout', raw.layout, LAYOUTS);
    decoder.layoutFor = () => layout;
  }
  if (raw.publicKey !== undefined) {
    const key = bytesFromHex(raw.publicKey);
    if (key === null || !(key.length === 64 || (key.length === 65 && key[0] === 0x04))) {
      throw new LantianError(
        'LT_ERR_BAD_REQUEST',
        '--public-key 应为 SM2 公钥 X‖Y 的 128 位十六进制（或带 04 前缀的 130 位）',
      );
    }
    const signer = { publicKey: key, ...(raw.chipId !== undefined ? { userId: raw.chipId } : {}) };
    decoder.keys = { signer: () => signer };
  } else if (raw.chipId !== undefined) {
    throw new LantianError('LT_ERR_BAD_REQUEST', '--chip-id 需要与 --public-key 一起使用');
  }
  return { binary: raw.binary === true, decoder };
}

function parseMaxLength(value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n > MAX_DATA_LENGTH) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `--max-length 应为 0 到 ${MAX_DATA_LENGTH} 的整数，收到 "${value}"`,
    );
  }
  return n;
}

/**
 * Commander's help in Chinese: headings (用法、参数、选项、命令), the usage line, default values
 * and choices, with columns aligned and lines wrapped by display width (a Chinese character takes
 * two columns in a terminal).
 */
import type { Argument, Command, Help, HelpConfiguration, Option } from 'commander';

const ANSI = /\x1b\[\d*(;\d*)*m/g;
// East Asian Wide and Fullwidth characters (CJK ideographs, kana, hangul, CJK punctuation,
// fullwidth forms): two terminal columns each.
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/gu;
// A wrapping chunk: leading spaces, then one wide character or a run of other non-space
// characters, with the closing punctuation that must not start a line.
const CHUNK =
  /\s*(?:[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3FFFD}]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3FFFD}]+)[，。、；：！？）》」』】]*/gu;

/** Terminal columns a string takes (ANSI styles ignored, wide characters count two). */
export function displayWidth(s: string): number {
  const plain = s.replace(ANSI, '');
  return [...plain].length + (plain.match(WIDE)?.length ?? 0);
}

/** Wraps text to `width` columns at spaces or between Chinese characters. */
export function wrapText(s: string, width: number): string {
  if (width < 40) return s;
  const out: string[] = [];
  for (const line of s.split(/\r?\n/)) {
    const chunks = line.match(CHUNK);
    if (!chunks) {
      out.push('');
      continue;
    }
    let cur = chunks[0]!;
    for (const c of chunks.slice(1)) {
      if (displayWidth(cur) + displayWidth(c) <= width) cur += c;
      else {
        out.push(cur);
        cur = c.trimStart();
      }
    }
    out.push(cur);
  }
  return out.join('\n');
}

/** Commander's English usage tokens in Chinese. */
function chineseUsage(usage: string): string {
  return usage.replace('[options]', '[选项]').replace('[command]', '[命令]');
}

/** How a default value reads in the help (nothing for empty lists). */
function defaultText(v: unknown, described: string | undefined): string | null {
  if (described) return described;
  if (Array.isArray(v)) return v.length ? v.join(',') : null;
  if (typeof v === 'string') return v === '' ? '空' : v;
  return JSON.stringify(v);
}

/** The notes after an option's or argument's description: choices, default, preset, variable. */
function withNotes(
  description: string,
  o: {
    argChoices?: string[] | undefined;
    defaultValue?: unknown;
    defaultValueDescription?: string | undefined;
  },
  showDefault: boolean,
  more: string[] = [],
): string {
  const notes: string[] = [];
  if (o.argChoices) notes.push(`可选：${o.argChoices.join('、')}`);
  if (showDefault && o.defaultValue !== undefined && !description.includes('默认')) {
    const d = defaultText(o.defaultValue, o.defaultValueDescription);
    if (d !== null) notes.push(`默认：${d}`);
  }
  notes.push(...more);
  if (notes.length === 0) return description;
  return `${description}（${notes.join('；')}）`;
}

/** The help configuration every Lantian command uses (`command.configureHelp(chineseHelp)`). */
export const chineseHelp: HelpConfiguration = {
  displayWidth,
  boxWrap(s: string, width: number): string {
    return wrapText(s, width);
  },
  commandUsage(cmd: Command): string {
    const names: string[] = [];
    for (let c: Command | null = cmd.parent; c; c = c.parent) names.unshift(c.name());
    return [...names, cmd.name(), chineseUsage(cmd.usage())].join(' ');
  },
  subcommandTerm(cmd: Command): string {
    const args = cmd.registeredArguments.map((a) =>
      a.required
        ? `<${a.name()}${a.variadic ? '...' : ''}>`
        : `[${a.name()}${a.variadic ? '...' : ''}]`,
    );
    return [cmd.name(), ...args].join(' ');
  },
  optionDescription(o: Option): string {
    const showDefault =
      o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean');
    const more: string[] = [];
    if (o.presetArg !== undefined && o.optional) more.push(`不带取值时：${String(o.presetArg)}`);
    if (o.envVar !== undefined) more.push(`环境变量：${o.envVar}`);
    return withNotes(o.description ?? '', o, showDefault, more);
  },
  argumentDescription(a: Argument): string {
    return withNotes(a.description ?? '', a, true);
  },
  formatHelp(cmd: Command, helper: Help): string {
    const termWidth = helper.padWidth(cmd, helper);
    const helpWidth = helper.helpWidth ?? 80;
    const item = (term: string, description: string): string =>
      helper.formatItem(term, termWidth, description, helper);
    const out = [`用法：${helper.commandUsage(cmd)}`, ''];
    const description = helper.commandDescription(cmd);
    if (description) out.push(helper.boxWrap(description, helpWidth), '');
    const section = (title: string, items: string[]): void => {
      if (items.length) out.push(title, ...items, '');
    };
    section(
      '参数：',
      helper
        .visibleArguments(cmd)
        .map((a) => item(helper.argumentTerm(a), helper.argumentDescription(a))),
    );
    section(
      '选项：',
      helper
        .visibleOptions(cmd)
        .map((o) => item(helper.optionTerm(o), helper.optionDescription(o))),
    );
    if (helper.showGlobalOptions)
      section(
        '全局选项：',
        helper
          .visibleGlobalOptions(cmd)
          .map((o) => item(helper.optionTerm(o), helper.optionDescription(o))),
      );
    section(
      '命令：',
      helper
        .visibleCommands(cmd)
        .map((c) => item(helper.subcommandTerm(c), helper.subcommandDescription(c))),
    );
    return out.join('\n');
  },
};

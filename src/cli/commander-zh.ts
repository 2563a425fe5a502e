/** Chinese wording for commander's own parse errors. */
import type { CommanderError } from 'commander';

const QUOTED = /'([^']+)'/;

const SUGGESTION = /\(Did you mean (.+)\?\)/;

/** The Chinese message for a commander error, keeping the option or command it names. */
export function chineseCommanderMessage(e: CommanderError): string {
  const suggestion = SUGGESTION.exec(e.message)?.[1];
  const message = chineseMessage(e);
  return suggestion ? `${message}（是否要输入 ${suggestion}？）` : message;
}

function chineseMessage(e: CommanderError): string {
  const what = QUOTED.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `未知选项 ${what}`;
    case 'commander.unknownCommand':
      return `未知命令 ${what}`;
    case 'commander.missingArgument':
      return `缺少参数 ${what}`;
    case 'commander.optionMissingArgument':
      return `选项 ${what} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填选项 ${what}`;
    case 'commander.invalidArgument':
      return `参数不正确：${e.message.replace(/^error: /, '')}`;
    case 'commander.excessArguments':
      return '参数过多';
    case 'commander.conflictingOption':
      return `选项冲突：${e.message.replace(/^error: /, '')}`;
    default:
      return e.message.replace(/^error: /, '');
  }
}

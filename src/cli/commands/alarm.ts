/** `lantian alarm run`: runs the alarm detectors and the escalation step once (what serve does periodically). */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { runAlarms } from '../../sources/alarms/alarm-runner.ts';
import { powerLineStates } from '../../sources/alarms/power-line-states.ts';
import { withStore, type GlobalOptions } from '../context.ts';

/** Registers the alarm command. */
export function registerAlarmCommand(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  program
    .command('alarm')
    .description('污染源告警：运行一次告警计算与逐级督办')
    .command('run')
    .description('按当前数据计算告警（超标、缺数、离线、恒值、标记异常），并提级到期的告警')
    .option('--json', '以 JSON 输出结果')
    .action(async (o: { json?: boolean }) => {
      await withStore(g(), async (db, config) => {
        const r = await runAlarms(
          db,
          config.alarms,
          systemClock.now(),
          powerLineStates(db, config.power.rules),
        );
        if (o.json) process.stdout.write(JSON.stringify(r) + '\n');
        else
          process.stdout.write(
            `新告警 ${r.opened}，延续 ${r.extended}，恢复 ${r.cleared}，再次出现 ${r.recurred}，提级 ${r.escalated}\n`,
          );
      });
    });
}

/** `lantian fires …`: open burning (露天焚烧): import satellite hotspot files, escalate overdue fires. */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { areasOf } from '../../fires/areas.ts';
import { escalateOverdue } from '../../fires/escalation-service.ts';
import { firesConfigFromEnv } from '../../fires/fires-config.ts';
import { importHotspots } from '../../fires/hotspot-import-service.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { stderrProgress } from '../progress-bar.ts';
import { readInputFile } from '../read-input-file.ts';

/** Registers the fires commands. */
export function registerFiresCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const fires = program
    .command('fires')
    .description('露天焚烧：导入卫星火点文件并派发到县区，超时提级');

  fires
    .command('import <file>')
    .description(
      '导入卫星火点 CSV（NASA FIRMS 格式：latitude、longitude、acq_date、acq_time 等列；重复导入不改变结果）',
    )
    .option('--quiet', '不显示进度')
    .option('--json', '以 JSON 输出导入结果')
    .action(async (file: string, o: { quiet?: boolean; json?: boolean }) => {
      const data = readInputFile(file);
      await withStore(g(), async (db) => {
        const cfg = firesConfigFromEnv();
        const r = await importHotspots(
          db,
          cfg,
          systemClock.now(),
          cliActor(),
          basename(file),
          data,
          stderrProgress(o.quiet),
        );
        if (o.json) {
          process.stdout.write(JSON.stringify(r) + '\n');
          return;
        }
        process.stdout.write(
          `导入记录 #${r.importId}：共 ${r.rows} 行，市域内新火点 ${r.accepted} 个（新派发火情 ${r.newEvents} 起，并入已有火情 ${r.merged} 个），市域外 ${r.outside} 个，已导入过 ${r.repeated} 个，错误行 ${r.errors} 行\n`,
        );
        const names = new Map(areasOf(cfg).counties.map((c) => [c.code, c.name]));
        for (const [county, n] of Object.entries(r.dispatched))
          process.stdout.write(`  派发 ${names.get(county) ?? county}（${county}）：${n} 起\n`);
        for (const i of r.issues)
          process.stdout.write(`  第 ${i.line} 行 ${i.code}：${i.detail}\n`);
      });
    });

  fires
    .command('escalate')
    .description('把超过反馈时限仍未反馈的火情提级至市大气办（serve 运行时自动定期进行）')
    .action(async () => {
      await withStore(g(), async (db) => {
        const ids = await escalateOverdue(db, systemClock.now());
        process.stdout.write(
          `提级火情 ${ids.length} 起${ids.length ? `：#${ids.join('、#')}` : ''}\n`,
        );
      });
    });
}

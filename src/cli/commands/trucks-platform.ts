/**
 * `lantian trucks platform …`: forwarding platforms (enterprise / vendor platforms that forward
 * many vehicles' frames after a `~~` platform login), and `trucks vehicle set-key`.
 */
import type { Command } from 'commander';
import { readPassword } from '../../auth/password-input.ts';
import { systemClock } from '../../clock.ts';
import {
  changePlatformEnabled,
  createPlatform,
  platforms,
} from '../../trucks/platforms/platform-service.ts';
import { changeVehicle } from '../../trucks/vehicle-service.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';

const when = (ms: number | null): string =>
  ms === null ? '从未登入' : new Date(Number(ms)).toISOString();

/** Registers `trucks platform` under `trucks` and `set-key` under `trucks vehicle`. */
export function registerTruckPlatformCommands(
  trucks: Command,
  vehicle: Command,
  g: () => GlobalOptions,
): void {
  const platform = trucks
    .command('platform')
    .description('转发平台：以 ~~ 平台登入后转发多辆车报文的企业平台或终端厂商平台');

  platform
    .command('add')
    .description('登记转发平台；密码从终端输入（或 --password-stdin），只保存其散列')
    .requiredOption('--name <name>', '平台名称')
    .requiredOption('--username <name>', '平台登入用户名（不超过 12 个 ASCII 字符）')
    .requiredOption('--region <adcode>', '平台可转发车辆的范围：市或区县的行政区划代码')
    .option('--password-stdin', '从标准输入读取密码（6–20 个可见 ASCII 字符）')
    .action(
      async (o: { name: string; username: string; region: string; passwordStdin?: boolean }) => {
        const password = await readPassword({ fromStdin: o.passwordStdin === true, confirm: true });
        await withStore(g(), async (db) => {
          const p = await createPlatform(
            db,
            systemClock,
            { name: o.name, username: o.username, password, region: o.region },
            cliActor(),
          );
          process.stdout.write(
            `已登记转发平台 ${p.name}（#${p.id}，用户名 ${p.username}，范围 ${p.region_adcode}）\n`,
          );
        });
      },
    );

  platform
    .command('list')
    .description('列出转发平台（编号、名称、用户名、范围、状态、最近登入）')
    .option('--json', '以 JSON 输出（不含密码散列）')
    .action(async (o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = (await platforms(db)).map(({ password_hash: _h, ...rest }) => rest);
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const p of rows) {
          process.stdout.write(
            `#${p.id}\t${p.name}\t${p.username}\t${p.region_adcode}\t${p.enabled ? '启用' : '停用'}\t${when(p.last_login_at)}\t${p.last_login_peer ?? ''}\n`,
          );
        }
      });
    });

  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    platform
      .command(`${name} <username>`)
      .description(
        enabled
          ? '重新启用转发平台'
          : '停用转发平台：此后其平台登入被拒绝（已连接的在下次登入时生效）',
      )
      .action(async (username: string) => {
        await withStore(g(), async (db) => {
          const p = await changePlatformEnabled(db, systemClock, username, enabled, cliActor());
          process.stdout.write(
            `转发平台 ${p.name}（${p.username}）已${enabled ? '启用' : '停用'}\n`,
          );
        });
      });
  }

  vehicle
    .command('set-key <vin> [hex]')
    .description(
      '配置车辆终端安全芯片的 SM2 公钥（128 位十六进制 X‖Y，可带前缀 04），用于验证激活与实时数据签名；--clear 清除',
    )
    .option('--clear', '清除已配置的公钥')
    .action(async (vin: string, hex: string | undefined, o: { clear?: boolean }) => {
      await withStore(g(), async (db) => {
        const v = await changeVehicle(
          db,
          systemClock,
          vin.toUpperCase(),
          { signKey: o.clear ? null : (hex ?? '') },
          cliActor(),
        );
        process.stdout.write(
          v.sign_key === null
            ? `车辆 ${v.vin} 未配置签名公钥\n`
            : `车辆 ${v.vin} 的签名公钥已配置（${v.sign_key.slice(0, 16)}…）\n`,
        );
      });
    });
}

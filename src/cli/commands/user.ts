/**
 * `lantian user …`: accounts and API tokens from the command line — how the first city-office
 * administrator is created (there is no default account or password). Passwords come from a
 * terminal prompt without echo or from --password-stdin, never from an argument.
 */
import type { Command } from 'commander';
import { readPassword } from '../../auth/password-input.ts';
import { listTokens } from '../../auth/token-repo.ts';
import { createToken, revokeToken } from '../../auth/token-service.ts';
import { listUsers } from '../../auth/user-repo.ts';
import {
  createUser,
  mustFindUsername,
  resetPassword,
  setUserDisabled,
} from '../../auth/user-service.ts';
import { userView } from '../../auth/user-view.ts';
import { systemClock } from '../../clock.ts';
import { ROLES, ROLE_NAMES } from '../../http/route-access.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseChoice, parseNumber } from '../options.ts';
import { DAY_MS } from '../../standards/local-date.ts';

const iso = (t: number | null): string => (t === null ? '—' : new Date(t).toISOString());

/** Registers the user command group. */
export function registerUserCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const user = program.command('user').description('用户与 API 令牌管理');

  user
    .command('create')
    .description('新建用户（第一个管理员：--role city-admin）；密码在终端输入或用 --password-stdin')
    .requiredOption('--username <name>', '用户名（2–32 个字符：字母、数字、. _ -）')
    .requiredOption(
      '--role <role>',
      `角色：${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}`,
    )
    .option('--display-name <name>', '显示名称')
    .option('--region <adcode>', '县区账号所属行政区划代码')
    .option('--department <name>', '部门账号所属部门')
    .option('--enterprise <id>', '企业账号所属企业编号')
    .option('--password-stdin', '从标准输入读取密码')
    .option('--must-change-password', '首次登录须修改密码')
    .action(
      async (o: {
        username: string;
        role: string;
        displayName?: string;
        region?: string;
        department?: string;
        enterprise?: string;
        passwordStdin?: boolean;
        mustChangePassword?: boolean;
      }) => {
        const role = parseChoice('--role', o.role, ROLES);
        const password = await readPassword({ fromStdin: o.passwordStdin === true, confirm: true });
        await withStore(g(), async (db) => {
          const u = await createUser(db, systemClock, cliActor(), {
            username: o.username,
            displayName: o.displayName,
            role,
            regionAdcode: o.region,
            department: o.department,
            enterprise: o.enterprise,
            password,
            mustChangePassword: o.mustChangePassword === true,
          });
          process.stdout.write(`已创建用户 ${u.username}（${ROLE_NAMES[role]}，#${u.id}）\n`);
        });
      },
    );

  user
    .command('list')
    .description('列出用户')
    .option('--role <role>', '只列出该角色')
    .option('--json', '以 JSON 输出')
    .action(async (o: { role?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const role = o.role === undefined ? undefined : parseChoice('--role', o.role, ROLES);
        const rows = (await listUsers(db.kysely, role ? { role } : {})).map(userView);
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const u of rows) {
          const unit = u.regionAdcode ?? u.department ?? u.enterprise ?? '—';
          const flags = [u.disabled ? '已停用' : '', u.mustChangePassword ? '待改密码' : '']
            .filter(Boolean)
            .join(' ');
          process.stdout.write(
            `${u.id}\t${u.username}\t${u.displayName}\t${u.roleName}\t${unit}\t${flags}\n`,
          );
        }
      });
    });

  for (const [name, disabled, text] of [
    ['disable', true, '停用用户（立即吊销其会话和令牌）'],
    ['enable', false, '重新启用用户'],
  ] as const) {
    user
      .command(name)
      .description(text)
      .argument('<username>', '用户名')
      .action(async (username: string) => {
        await withStore(g(), async (db) => {
          const u = await mustFindUsername(db, username);
          await setUserDisabled(db, systemClock, cliActor(), u.id, disabled);
          process.stdout.write(`已${disabled ? '停用' : '启用'}用户 ${u.username}\n`);
        });
      });
  }

  user
    .command('passwd')
    .description('设置用户密码（其全部会话失效）')
    .argument('<username>', '用户名')
    .option('--password-stdin', '从标准输入读取密码')
    .option('--must-change-password', '下次登录须修改密码')
    .action(
      async (username: string, o: { passwordStdin?: boolean; mustChangePassword?: boolean }) => {
        const password = await readPassword({ fromStdin: o.passwordStdin === true, confirm: true });
        await withStore(g(), async (db) => {
          const u = await mustFindUsername(db, username);
          await resetPassword(
            db,
            systemClock,
            cliActor(),
            u.id,
            password,
            o.mustChangePassword === true,
          );
          process.stdout.write(`已设置用户 ${u.username} 的密码\n`);
        });
      },
    );

  const token = user.command('token').description('API 令牌');
  token
    .command('create')
    .description('新建 API 令牌；令牌只输出这一次（标准输出），请立即保存')
    .requiredOption('--name <name>', '令牌名称，如 ci')
    .requiredOption('--user <username>', '令牌所属用户')
    .option('--expires-days <days>', '有效天数（默认不过期）')
    .action(async (o: { name: string; user: string; expiresDays?: string }) => {
      await withStore(g(), async (db) => {
        const u = await mustFindUsername(db, o.user);
        const days =
          o.expiresDays === undefined ? null : parseNumber('--expires-days', o.expiresDays);
        const expiresAt = days === null ? null : systemClock.now() + days * DAY_MS;
        const created = await createToken(db, systemClock, cliActor(), u.id, o.name, expiresAt);
        process.stderr.write(
          `已为 ${u.username} 创建令牌 ${created.row.name}（#${created.row.id}）。令牌只显示这一次，请立即保存：\n`,
        );
        process.stdout.write(`${created.token}\n`);
      });
    });
  token
    .command('list')
    .description('列出令牌（不显示令牌本身）')
    .option('--user <username>', '只列出该用户的令牌')
    .option('--json', '以 JSON 输出')
    .action(async (o: { user?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const userId = o.user === undefined ? undefined : (await mustFindUsername(db, o.user)).id;
        const rows = await listTokens(db.kysely, userId);
        if (o.json) {
          const out = rows.map(({ token_hash: _hash, ...rest }) => rest);
          return void process.stdout.write(JSON.stringify(out) + '\n');
        }
        for (const t of rows) {
          const state = t.revoked_at !== null ? `已吊销 ${iso(t.revoked_at)}` : '有效';
          process.stdout.write(
            `${t.id}\t${t.username}\t${t.name}\t${t.hint}\t最近使用 ${iso(t.last_used_at)}\t${state}\n`,
          );
        }
      });
    });
  token
    .command('revoke')
    .description('吊销令牌（立即失效）')
    .argument('<id>', '令牌编号（见 user token list）')
    .action(async (id: string) => {
      await withStore(g(), async (db) => {
        const t = await revokeToken(db, systemClock, cliActor(), parseNumber('<id>', id));
        process.stdout.write(`已吊销令牌 #${t.id}（${t.username} / ${t.name}）\n`);
      });
    });
}

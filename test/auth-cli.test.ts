/**
 * `lantian user …` as an operator uses it: the first administrator is created from the command
 * line with the password on standard input (no default password exists), tokens are printed
 * once and work against the API, and every change is audited as `cli:<os user>`.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { systemClock } from '../src/clock.ts';
import { EXIT } from '../src/errors.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const PW = 'Blue-sky-Handan-2020';
/** Each step starts Node with the TypeScript loader: seconds apiece on a busy machine. */
const CLI_TIMEOUT = 240_000;

describe.each(dialectsUnderTest())('lantian user on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const cli = (args: string[], input?: string) => runCli(['user', ...args], t.env, input);
  /** Expects a command to succeed, showing its stderr when it does not. */
  const ok = async (run: Promise<{ code: number | null; stderr: string; stdout: string }>) => {
    const r = await run;
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    return r;
  };
  const signIn = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const me = (token: string) =>
    app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    app = await buildApp({
      db: t.db,
      clock: systemClock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it(
    'has no account to begin with',
    async () => {
      expect((await signIn('admin', PW)).statusCode).toBe(401);
      expect((await cli(['list', '--json'])).stdout.trim()).toBe('[]');
    },
    CLI_TIMEOUT,
  );

  it(
    'creates the first administrator with the password from standard input',
    async () => {
      const r = await cli(
        ['create', '--username', 'admin', '--role', 'city-admin', '--password-stdin'],
        `${PW}\n`,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('已创建用户 admin（市大气办');
      expect((await signIn('admin', PW)).statusCode).toBe(200);
      const audit = await listAudit(t.db, { action: 'user.create', target: 'user:admin' });
      expect(audit[0]!.actor).toMatch(/^cli:/);
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses a duplicate, a weak password, a bad role and a password it cannot read',
    async () => {
      const dup = await cli(
        ['create', '--username', 'ADMIN', '--role', 'visitor', '--password-stdin'],
        PW,
      );
      expect(dup.code).toBe(EXIT.conflict);
      expect(dup.stderr).toContain('LT_ERR_USER_EXISTS');
      const weak = await cli(
        ['create', '--username', 'weak', '--role', 'visitor', '--password-stdin'],
        '123',
      );
      expect(weak.code).toBe(EXIT.input);
      expect(weak.stderr).toContain('LT_ERR_WEAK_PASSWORD');
      const role = await cli(
        ['create', '--username', 'x1', '--role', 'root', '--password-stdin'],
        PW,
      );
      expect(role.code).toBe(EXIT.usage);
      // No terminal and no --password-stdin: refuse instead of reading a pipe as a password.
      const noTty = await cli(['create', '--username', 'x2', '--role', 'visitor'], PW);
      expect(noTty.code).toBe(EXIT.usage);
      expect(noTty.stderr).toContain('--password-stdin');
      const county = await cli(
        ['create', '--username', 'x3', '--role', 'county', '--password-stdin'],
        PW,
      );
      expect(county.stderr).toContain('LT_ERR_BAD_ROLE_BINDING');
    },
    CLI_TIMEOUT,
  );

  it(
    'prints a token once, which then works against the API until revoked',
    async () => {
      const made = await cli(['token', 'create', '--name', 'ci', '--user', 'admin']);
      expect(made.code).toBe(0); // (stderr carries the notice; stdout only the token)
      const token = made.stdout.trim();
      expect(token).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
      expect(made.stderr).toContain('只显示这一次');
      expect((await me(token)).json()).toMatchObject({ via: 'token', user: { username: 'admin' } });

      const list = await cli(['token', 'list', '--user', 'admin', '--json']);
      expect(list.stdout).not.toContain(token.slice(3));
      const [row] = JSON.parse(list.stdout);
      expect(row).toMatchObject({ name: 'ci', username: 'admin', revoked_at: null });
      expect(row).not.toHaveProperty('token_hash');
      expect(row.last_used_at).not.toBeNull();

      await ok(cli(['token', 'revoke', String(row.id)]));
      expect((await me(token)).statusCode).toBe(401);
      expect((await cli(['token', 'revoke', '9999'])).code).toBe(EXIT.notFound);
    },
    CLI_TIMEOUT,
  );

  it(
    'sets a password and keeps the last administrator',
    async () => {
      await ok(cli(['passwd', 'admin', '--password-stdin'], 'Clear-air-Handan-2021\n'));
      expect((await signIn('admin', PW)).statusCode).toBe(401);
      expect((await signIn('admin', 'Clear-air-Handan-2021')).statusCode).toBe(200);

      const last = await cli(['disable', 'admin']);
      expect(last.code).toBe(EXIT.conflict);
      expect(last.stderr).toContain('LT_ERR_LAST_ADMIN');
    },
    CLI_TIMEOUT,
  );

  it(
    'disables an account and enables it again',
    async () => {
      await ok(cli(['create', '--username', 'guest', '--role', 'visitor', '--password-stdin'], PW));
      await ok(cli(['disable', 'guest']));
      expect((await signIn('guest', PW)).statusCode).toBe(403);
      const listed = await cli(['list']);
      expect(listed.stdout).toMatch(/guest\tguest\t访客\t—\t已停用/);
      await ok(cli(['enable', 'guest']));
      expect((await signIn('guest', PW)).statusCode).toBe(200);
      expect((await cli(['disable', 'nobody'])).code).toBe(EXIT.notFound);
    },
    CLI_TIMEOUT,
  );
});

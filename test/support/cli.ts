/** Runs bin/lantian as a user would: a child process with its own environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const LANTIAN = resolve('bin/lantian');

/** What a finished command left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lantian …args` to completion, feeding `input` to stdin. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(LANTIAN, args, {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Starts a long-running command (of `bin`, default ours); resolves once stderr matches `ready`. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  bin = LANTIAN,
): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  return new Promise((done, fail) => {
    const child = spawn(bin, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`not ready in time:\n${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString('utf8');
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        done({ child, match: m, output: () => out });
      }
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code} before ready:\n${out}`));
    });
  });
}

/**
 * One audit actor for the CLI (issue 17): every command that changes something records
 * `cli:<operating-system user>` from src/cli/cli-actor.ts, and no other file of src/ reads the
 * operating-system user on its own (three copies of it had drifted apart: one left out `ip`).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliActor, osUser } from '../src/cli/cli-actor.ts';
import { REPO_ROOT, tsFilesUnder } from './support/source-graph.ts';

describe('the CLI audit actor', () => {
  it('is cli:<operating-system user>, not from the network', () => {
    expect(osUser()).toBe(userInfo().username);
    expect(cliActor()).toEqual({ actor: `cli:${userInfo().username}`, ip: null });
  });

  it('is read from the operating system in src/cli/cli-actor.ts only', () => {
    const readers = tsFilesUnder('src').filter((path) =>
      /\buserInfo\s*\(/.test(readFileSync(join(REPO_ROOT, path), 'utf8')),
    );
    expect(readers).toEqual(['src/cli/cli-actor.ts']);
  });
});

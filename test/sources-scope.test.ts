/** Who sees which enterprise (src/sources/enterprise-scope.ts), on every dialect under test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import type { Principal } from '../src/auth/principal.ts';
import {
  admits,
  assertEnterpriseScope,
  enterpriseVisibility,
} from '../src/sources/enterprise-scope.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const base = {
  userId: 1,
  username: 'u',
  displayName: 'u',
  via: 'session',
  mustChangePassword: false,
} as const;
const steel = { credit_code: '91130400MA0A000001', region_adcode: '130481' };
const coke = { credit_code: '91130400MA0A000002', region_adcode: '130424' };

for (const dialect of dialectsUnderTest()) {
  describe(`enterprise scope (${dialect})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(dialect);
      await upsertRegions(
        store.db,
        [
          { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
          { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
          { adcode: '130424', name: '成安县', parentAdcode: '130400', level: 'county' },
        ],
        0,
      );
    });
    afterAll(() => store.cleanup());

    const seen = async (p: Principal) => {
      const v = await enterpriseVisibility(store.db, p);
      return [admits(v, steel), admits(v, coke)];
    };

    it('the city office and the bureau see all; another department none', async () => {
      expect(await seen({ ...base, role: 'city-admin' })).toEqual([true, true]);
      expect(await seen({ ...base, role: 'department', department: '市生态环境局' })).toEqual([
        true,
        true,
      ]);
      expect(await seen({ ...base, role: 'department', department: '市工业和信息化局' })).toEqual([
        false,
        false,
      ]);
    });

    it('a county sees its own region, an enterprise itself, a visitor nothing', async () => {
      expect(await seen({ ...base, role: 'county', regionAdcode: '130481' })).toEqual([
        true,
        false,
      ]);
      expect(await seen({ ...base, role: 'county', regionAdcode: '130400' })).toEqual([true, true]);
      expect(await seen({ ...base, role: 'enterprise', enterprise: coke.credit_code })).toEqual([
        false,
        true,
      ]);
      expect(await seen({ ...base, role: 'visitor' })).toEqual([false, false]);
    });

    it('refuses out of scope with LT_ERR_OUT_OF_SCOPE', async () => {
      const p: Principal = { ...base, role: 'enterprise', enterprise: coke.credit_code };
      await expect(
        assertEnterpriseScope(store.db, p, { ...steel, name: '某钢铁' }),
      ).rejects.toMatchObject({
        code: 'LT_ERR_OUT_OF_SCOPE',
      });
      await expect(assertEnterpriseScope(store.db, p, coke)).resolves.toBeUndefined();
    });
  });
}

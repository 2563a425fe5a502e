import { describe, expect, it } from 'vitest';
import { isLantianError } from '../errors.ts';
import type { Principal } from './principal.ts';
import {
  assertRegionScope,
  canSee,
  canSeeRegion,
  regionAncestors,
  visibleRegions,
  type RegionTree,
} from './scope.ts';

// Hebei › Handan › two districts and the economic development zone.
const tree: RegionTree = new Map([
  ['130000', null],
  ['130400', '130000'],
  ['130402', '130400'],
  ['130403', '130400'],
  ['130471', '130400'],
]);

const who = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  role,
  via: 'session',
  mustChangePassword: false,
  ...extra,
});

describe('scope', () => {
  it('walks a region up to the top', () => {
    expect(regionAncestors(tree, '130402')).toEqual(['130402', '130400', '130000']);
    expect(regionAncestors(tree, '999999')).toEqual(['999999']);
  });

  it('lets a county see its own region only, and the city office everything', () => {
    const hanshan = who('county', { regionAdcode: '130402' });
    expect(canSeeRegion(hanshan, regionAncestors(tree, '130402'))).toBe(true);
    expect(canSeeRegion(hanshan, regionAncestors(tree, '130403'))).toBe(false);
    expect(canSeeRegion(hanshan, regionAncestors(tree, '130400'))).toBe(false);
    expect(canSeeRegion(who('city-admin'), regionAncestors(tree, '130403'))).toBe(true);
    expect(canSeeRegion(null, ['130402'])).toBe(false);
  });

  it('lets a user bound to a city see the regions below it', () => {
    const city = who('county', { regionAdcode: '130400' });
    expect(canSeeRegion(city, regionAncestors(tree, '130471'))).toBe(true);
    expect((visibleRegions(city, tree) as string[]).sort()).toEqual([
      '130400',
      '130402',
      '130403',
      '130471',
    ]);
    expect(visibleRegions(who('city-admin'), tree)).toBe('all');
    expect(visibleRegions(who('visitor'), tree)).toEqual([]);
  });

  it('scopes departments and enterprises by their own unit', () => {
    const eco = who('department', { department: '生态环境局' });
    expect(canSee(eco, { department: '生态环境局' })).toBe(true);
    expect(canSee(eco, { department: '交通运输局' })).toBe(false);
    expect(canSee(eco, { regionAncestry: ['130402'] })).toBe(false);
    const firm = who('enterprise', { enterprise: 'E001' });
    expect(canSee(firm, { enterprise: 'E001', regionAncestry: ['130402'] })).toBe(true);
    expect(canSee(firm, { enterprise: 'E002' })).toBe(false);
    // A county sees the enterprises in its region.
    expect(
      canSee(who('county', { regionAdcode: '130402' }), {
        enterprise: 'E001',
        regionAncestry: ['130402', '130400'],
      }),
    ).toBe(true);
    expect(canSee(who('visitor'), { enterprise: 'E001' })).toBe(false);
  });

  it('throws LT_ERR_OUT_OF_SCOPE naming the region', () => {
    try {
      assertRegionScope(who('county', { regionAdcode: '130402' }), ['130403', '130400']);
      expect.unreachable();
    } catch (e) {
      expect(isLantianError(e, 'LT_ERR_OUT_OF_SCOPE')).toBe(true);
      expect((e as Error).message).toContain('130403');
    }
  });
});

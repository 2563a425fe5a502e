import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files that start `lantian serve` run in parallel: the GB 17691 truck listener must
    // not contend for its default port 17691 (children inherit process.env).
    env: { LANTIAN_TRUCKS_PORT: '0' },
  },
});

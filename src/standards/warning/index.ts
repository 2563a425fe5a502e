// Public API of the pure warning-grading core (no I/O; imports nothing outside src/standards).
export * from './levels.ts';
export * from './rule-set.ts';
export * from './warning-editions.ts';
export * from './local-rules.ts';
export * from './warning-config.ts';
export * from './forecast.ts';
export * from './episode-grading.ts';
export * from './warning-reason.ts';
export * from './grade-forecast.ts';
export * from './warning-lifecycle.ts';

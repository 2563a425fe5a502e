import { describe, expect, it } from 'vitest';
import { readDecimal, readInteger } from './read-decimal.ts';

describe('readDecimal', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['0.004', 0.004],
    ['-3', -3],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['007', 7],
    ['-0', 0],
    [' 42 ', 42],
    ['\t1.5\t', 1.5],
  ])('reads %j as %d', (text, value) => {
    expect(readDecimal(text)).toEqual({ kind: 'number', value });
  });

  it('reads -0 as +0', () => {
    const r = readDecimal('-0.0');
    expect(r.kind === 'number' && Object.is(r.value, 0)).toBe(true);
  });

  it.each(['', ' ', '   ', '\t', '\u3000', '\u00a0', ' \r\n'])(
    'reads blank %j as blank, never as 0',
    (text) => {
      expect(readDecimal(text)).toEqual({ kind: 'blank' });
    },
  );

  it.each([
    '0x10',
    '0X1F',
    '0o7',
    '0b1',
    '1e',
    '1e3',
    '2E-5',
    'e3',
    'Infinity',
    '-Infinity',
    'NaN',
    'NA',
    'abc',
    '1,000',
    '1,5',
    '1_000',
    '１２',
    '1.2.3',
    '--1',
    '+-1',
    '.',
    '-',
    '+',
    '12abc',
    '1 2',
    '9'.repeat(400),
  ])('refuses %j as not a decimal number', (text) => {
    expect(readDecimal(text)).toEqual({ kind: 'not-decimal' });
  });
});

describe('readInteger', () => {
  it('reads whole numbers and refuses the rest', () => {
    expect(readInteger('2013')).toBe(2013);
    expect(readInteger(' 4 ')).toBe(4);
    expect(readInteger('4.0')).toBe(4);
    expect(readInteger(' ')).toBeNull();
    expect(readInteger('4.5')).toBeNull();
    expect(readInteger('0x4')).toBeNull();
    expect(readInteger('')).toBeNull();
  });
});

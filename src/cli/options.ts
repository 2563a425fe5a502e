/** Parsing of CLI option values into checked types, with catalogue errors. */
import { LantianError } from '../errors.ts';

/** One of a fixed set of values, or LT_ERR_BAD_REQUEST naming the option. */
export function parseChoice<T extends string>(
  option: string,
  value: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new LantianError(
    'LT_ERR_BAD_REQUEST',
    `${option} 只能是 ${choices.join('、')}，收到 "${value}"`,
  );
}

/** One of the editions of a standard, or LT_ERR_BAD_EDITION naming the option and the choices. */
export function parseEdition<T extends string>(
  option: string,
  value: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new LantianError(
    'LT_ERR_BAD_EDITION',
    `${option} 只能是 ${choices.join('、')}，收到 "${value}"`,
  );
}

/** A finite number, or LT_ERR_BAD_REQUEST naming the option. */
export function parseNumber(option: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new LantianError('LT_ERR_BAD_REQUEST', `${option} 应为数字，收到 "${value}"`);
  return n;
}

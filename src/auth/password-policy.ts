/**
 * The minimum password policy (pure): long enough, not trivially guessable, not the user name.
 * Follows NIST SP 800-63B §5.1.1.2: length over composition rules, and a check against common
 * passwords; only a light composition rule (two kinds of character) is kept.
 */
import { LantianError } from '../errors.ts';

/** Shortest password accepted (characters). */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password accepted (characters; bounds hashing work). */
export const PASSWORD_MAX_LENGTH = 256;

// The most common passwords in Chinese leaks that are long enough to pass the length rule.
const COMMON = new Set([
  '1234567890',
  '12345678910',
  '123456789a',
  'a123456789',
  'qwertyuiop',
  'qwerty123456',
  '1qaz2wsx3edc',
  'password123',
  'password1234',
  'p@ssw0rd123',
  'admin12345',
  'admin123456',
  'woaini1314',
  'iloveyou1314',
  'abc1234567',
  'abcd123456',
  'aa123456789',
  '5201314520',
]);

/** Problems of a password under the policy, in Chinese; empty when it passes. */
export function passwordProblems(password: string, username = ''): string[] {
  const out: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) out.push(`至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (length > PASSWORD_MAX_LENGTH) out.push(`不超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  const kinds = [/[A-Za-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) out.push('至少包含字母、数字、符号中的两类');
  if (/^(.)\1*$/u.test(password)) out.push('不能由同一个字符重复组成');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) out.push('过于常见');
  // Short names (2–3 letters) occur inside too many good passwords to forbid them.
  if (username.length >= 4 && lower.includes(username.toLowerCase())) out.push('不能包含用户名');
  return out;
}

/** Throws LT_ERR_WEAK_PASSWORD listing what is wrong, or returns. */
export function assertPasswordPolicy(password: string, username = ''): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new LantianError('LT_ERR_WEAK_PASSWORD', problems.join('；'), { problems });
  }
}

/**
 * The arithmetic challenge of the public form (no third-party captcha): the server asks for the
 * sum of two small numbers and hands out a token `nonce.expiry.mac`, where mac is the HMAC-SHA256
 * of `nonce.expiry.answer` under the server's key. The answer is checked by recomputing the MAC,
 * so the server keeps nothing per question; a used nonce is remembered until it expires
 * (challenge-guard.ts) so that one solved question cannot be replayed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A question and its token. */
export interface Challenge {
  question: string;
  token: string;
  expiresAt: number;
}

const mac = (secret: string, nonce: string, expires: number, answer: number): string =>
  createHmac('sha256', secret).update(`${nonce}.${expires}.${answer}`).digest('base64url');

/** A new question valid until now + ttlMs. */
export function newChallenge(secret: string, now: number, ttlMs: number): Challenge {
  const a = 1 + (randomBytes(1)[0]! % 9);
  const b = 1 + (randomBytes(1)[0]! % 9);
  const nonce = randomBytes(12).toString('base64url');
  const expiresAt = now + ttlMs;
  return {
    question: `${a} + ${b} = ?`,
    token: `${nonce}.${expiresAt}.${mac(secret, nonce, expiresAt, a + b)}`,
    expiresAt,
  };
}

/** Why an answer is refused (Chinese), or the nonce and expiry of a right one. */
export function checkChallenge(
  secret: string,
  token: string,
  answer: string,
  now: number,
): { nonce: string; expiresAt: number } | { problem: string } {
  const [nonce, exp, given] = token.split('.');
  const expiresAt = Number(exp);
  if (!nonce || !given || !Number.isSafeInteger(expiresAt))
    return { problem: '验证题无效，请刷新后重答' };
  if (expiresAt < now) return { problem: '验证题已过期，请刷新后重答' };
  const n = /^\d{1,3}$/.test(answer.trim()) ? Number(answer.trim()) : NaN;
  if (Number.isNaN(n)) return { problem: '验证题答案不正确' };
  const want = Buffer.from(mac(secret, nonce, expiresAt, n));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { problem: '验证题答案不正确' };
  return { nonce, expiresAt };
}

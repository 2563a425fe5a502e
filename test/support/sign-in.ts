/**
 * Calling the real application as a user would: signing in the way the dashboard does
 * (POST /api/auth/login), or sending an API token; and a clock the test moves by hand.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Clock } from '../../src/clock.ts';

/** A clock that stands at `t` until the test moves it (`clock.t += …`). */
export function movableClock(t0: number): Clock & { t: number } {
  return {
    t: t0,
    now(): number {
      return this.t;
    },
  };
}

/** What a sign-in left: the answer, the Cookie header to send back ('' if none) and the CSRF token. */
export interface SignedIn {
  res: LightMyRequestResponse;
  cookie: string;
  csrf: string;
}

/** Extra parts of the sign-in request: headers, or the address it comes from. */
export interface SignInRequest {
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/** Sends the sign-in request and returns the answer as it is. */
export function postLogin(
  app: FastifyInstance,
  username: string,
  password: string,
  request: SignInRequest = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    ...request,
    payload: { username, password },
  });
}

/** Signs in; whether it worked is for the caller to check (`res.statusCode`, `cookie`). */
export async function signInTo(
  app: FastifyInstance,
  username: string,
  password: string,
  request: SignInRequest = {},
): Promise<SignedIn> {
  const res = await postLogin(app, username, password, request);
  const c = res.cookies.find((x) => x.name === 'lt_session');
  return { res, cookie: c ? `lt_session=${c.value}` : '', csrf: res.json().csrfToken as string };
}

/** The headers a signed-in browser sends with a change: its session cookie and CSRF token. */
export function sessionHeaders(s: { cookie: string; csrf: string }): Record<string, string> {
  return { cookie: s.cookie, 'x-lantian-csrf': s.csrf };
}

/** Signs each account in with the one password; a refused sign-in fails the test, naming it. */
export async function signInAll(
  app: FastifyInstance,
  usernames: readonly string[],
  password: string,
): Promise<Record<string, { cookie: string; csrf: string }>> {
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  for (const username of usernames) {
    const { res, cookie, csrf } = await signInTo(app, username, password);
    expect(res.statusCode, username).toBe(200);
    sessions[username] = { cookie, csrf };
  }
  return sessions;
}

/** A request sent with an API token (`Authorization: Bearer …`; none when `token` is ''). */
export function injectWithToken(
  app: FastifyInstance,
  method: string,
  url: string,
  token: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: method as 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** The answer of a call made as a signed-in user: status and parsed JSON body. */
export interface SessionAnswer {
  status: number;
  /** Parsed JSON, typed loosely: tests read whichever fields they check. */
  body: any;
}

/**
 * A function that calls the application as one of the signed-in users in `sessions` (cookie and
 * CSRF token sent as the dashboard sends them). `app` is read at call time, so it may be built
 * after this function is made.
 */
export function sessionCall(
  app: () => FastifyInstance,
  sessions: Record<string, { cookie: string; csrf: string }>,
): (
  who: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: object,
) => Promise<SessionAnswer> {
  return async (who, method, url, body) => {
    const s = sessions[who];
    if (s === undefined) throw new Error(`${who} is not signed in`);
    const res = await app().inject({
      method,
      url,
      headers: sessionHeaders(s),
      ...(body ? { payload: body } : {}),
    });
    return { status: res.statusCode, body: res.json() };
  };
}

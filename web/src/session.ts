/**
 * Who is signed in, and what they may open. The menu and the router both ask `canOpen`; the API
 * enforces the same rules on its side (a hidden menu item is a convenience, not the protection).
 */
import { reactive } from 'vue';
import { api, ApiError, setCsrfToken } from './api/http.ts';
import type { Role, SessionInfo, User } from './api/types.ts';

/** The dashboard's pages, in menu order. `roles: 'anyone'` includes people not signed in. */
export const PAGES = [
  {
    name: 'overview',
    path: '/overview',
    title: '总览',
    roles: ['city-admin', 'department', 'county'],
  },
  { name: 'air', path: '/air', title: '空气质量', roles: 'anyone' },
  { name: 'plan', path: '/plan', title: '目标考核', roles: ['city-admin', 'department', 'county'] },
  {
    name: 'tasks',
    path: '/tasks',
    title: '重点任务',
    roles: ['city-admin', 'department', 'county'],
  },
  {
    name: 'devices',
    path: '/devices',
    title: '设备',
    roles: ['city-admin', 'department', 'county'],
  },
  {
    name: 'trucks',
    path: '/trucks',
    title: '重型柴油车',
    roles: ['city-admin', 'department', 'county'],
  },
  {
    name: 'gates',
    path: '/gates',
    title: '门禁管理',
    roles: ['city-admin', 'department', 'county', 'enterprise'],
  },
  {
    name: 'gateLive',
    path: '/gate-live',
    title: '门禁实时',
    roles: ['city-admin', 'department', 'county', 'enterprise'],
  },
  {
    name: 'machinery',
    path: '/machinery',
    title: '非道路移动机械',
    roles: ['city-admin', 'department', 'county'],
  },
  {
    name: 'roadside',
    path: '/roadside',
    title: '遥感与路检',
    roles: ['city-admin', 'department', 'county'],
  },
  {
    name: 'sources',
    path: '/sources',
    title: '污染源',
    roles: ['city-admin', 'department', 'county', 'enterprise'],
  },
  {
    name: 'warnings',
    path: '/warnings',
    title: '重污染应对',
    roles: ['city-admin', 'department', 'county', 'enterprise'],
  },
  { name: 'dust', path: '/dust', title: '扬尘', roles: ['city-admin', 'department', 'county'] },
  { name: 'fires', path: '/fires', title: '露天焚烧', roles: ['city-admin', 'county'] },
  {
    name: 'tipoffs',
    path: '/tipoffs',
    title: '举报办理',
    roles: ['city-admin', 'department', 'county'],
  },
  { name: 'system', path: '/system', title: '系统', roles: ['city-admin'] },
] as const satisfies ReadonlyArray<{
  name: string;
  path: string;
  title: string;
  roles: readonly Role[] | 'anyone';
}>;

export type PageName = (typeof PAGES)[number]['name'];

/** The session state. */
export const session = reactive({
  user: null as User | null,
  via: null as SessionInfo['via'] | null,
  loaded: false,
});

/** True when the signed-in user (or an anonymous visitor) may open the page. */
export function canOpen(page: PageName, user: User | null = session.user): boolean {
  const p = PAGES.find((x) => x.name === page);
  if (!p) return false;
  if (p.roles === 'anyone') return true;
  return user !== null && (p.roles as readonly string[]).includes(user.role);
}

/** The first page the user may open (their home). */
export function homePage(user: User | null = session.user): (typeof PAGES)[number] {
  // An enterprise account works on its own enterprise (污染源 sends it there).
  const own = user?.role === 'enterprise' ? PAGES.find((p) => p.name === 'sources') : undefined;
  return own ?? PAGES.find((p) => canOpen(p.name, user)) ?? PAGES[1];
}

function apply(info: SessionInfo | null): void {
  session.user = info?.user ?? null;
  session.via = info?.via ?? null;
  setCsrfToken(info?.csrfToken ?? null);
}

/** Loads the current session (GET /api/auth/me); no session is not an error. */
export async function loadSession(): Promise<void> {
  try {
    apply(await api<SessionInfo>('/api/auth/me'));
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e;
    apply(null);
  } finally {
    session.loaded = true;
  }
}

/** Signs in; throws ApiError (wrong password, rate limit …). */
export async function signIn(username: string, password: string): Promise<User> {
  const info = await api<SessionInfo>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
  });
  apply(info);
  return info.user;
}

/** Signs out (the server revokes the session) and forgets the user. */
export async function signOut(): Promise<void> {
  try {
    await api('/api/auth/logout', { method: 'POST' });
  } finally {
    apply(null);
  }
}

/** Forgets the user without calling the server (session expired). */
export function forgetSession(): void {
  apply(null);
}

/** Changes the own password (POST /api/auth/password). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

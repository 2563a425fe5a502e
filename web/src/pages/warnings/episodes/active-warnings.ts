/**
 * The active warnings the signed-in user sees (GET /api/warnings/active), shared by the banner in
 * the page frame, the overview card and the episodes tab; refreshed every five minutes and after
 * every decision or confirmation made in this browser.
 */
import { shallowRef } from 'vue';
import { api } from '../../../api/http.ts';
import type { ActiveWarnings } from '../../../api/types.ts';
import { session } from '../../../session.ts';

export const activeWarnings = shallowRef<ActiveWarnings['warnings']>([]);

/** Colours of the warning levels (GB/T 27962 signal colours). */
export const LEVEL_COLORS: Readonly<Record<string, string>> = {
  yellow: '#e6b800',
  orange: '#ff7e00',
  red: '#e02020',
};

/** Chinese names of the levels. */
export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};

let timer: ReturnType<typeof setInterval> | null = null;

/** Loads the active warnings now (errors leave the last answer; nobody signed in: none). */
export async function refreshActiveWarnings(): Promise<void> {
  if (!session.user) {
    activeWarnings.value = [];
    return;
  }
  try {
    activeWarnings.value = (await api<ActiveWarnings>('/api/warnings/active')).warnings;
  } catch {
    // A visitor without access or a lost session: keep what was shown.
  }
}

/** Loads now and starts the periodic refresh (once per page load). */
export function watchActiveWarnings(): void {
  void refreshActiveWarnings();
  timer ??= setInterval(() => void refreshActiveWarnings(), 5 * 60_000);
}

/** The period of a warning in words. */
export function periodText(from: string, to: string | null): string {
  return to ? `${from} 至 ${to}` : `${from} 起至解除`;
}

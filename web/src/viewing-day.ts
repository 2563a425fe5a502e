/**
 * "The day being looked at", one for every page: 总览, 目标考核, 重点任务 and 空气质量 open on it,
 * show it and change it. It lives here for the session and in the address as `?date=` (deep
 * links, reloads); when neither names one, it is chosen once from GET /api/data-days
 * (lib/default-day.ts) and the page says why.
 */
import { computed, reactive, type WritableComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { api } from './api/http.ts';
import type { DataDays } from './api/types.ts';
import { defaultDay } from './lib/default-day.ts';
import { beijingToday } from './lib/format.ts';
import { session } from './session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The shared day, why it was chosen, and what the API said about the data. */
export const viewingDay = reactive({
  date: '',
  note: '',
  /** The last day the city can be assessed on (null: unknown or none). */
  lastAssessable: null as string | null,
});

const asked = new Map<string, Promise<DataDays | null>>();

/** GET /api/data-days for the signed-in county, or the city; asked once per region and page load. */
function askDataDays(): Promise<DataDays | null> {
  const u = session.user;
  const region = u?.role === 'county' && u.regionAdcode ? u.regionAdcode : '';
  let p = asked.get(region);
  if (!p) {
    p = api<DataDays>('/api/data-days', { query: { region: region || undefined } }).catch(
      () => null,
    );
    asked.set(region, p);
  }
  return p;
}

/** The shared day for a page: `day` reads and changes it, `ready` resolves once it is known. */
export function useViewingDay(): { day: WritableComputedRef<string>; ready: Promise<string> } {
  const route = useRoute();
  const router = useRouter();
  const syncAddress = (): void => {
    if (viewingDay.date && route.query['date'] !== viewingDay.date)
      void router.replace({ query: { ...route.query, date: viewingDay.date } });
  };
  const ready = (async () => {
    const q = route.query['date'];
    if (typeof q === 'string' && DATE.test(q)) {
      if (q !== viewingDay.date) Object.assign(viewingDay, { date: q, note: '' });
      void askDataDays().then((d) => (viewingDay.lastAssessable = d?.lastAssessable ?? null));
    } else if (!viewingDay.date) {
      const d = await askDataDays();
      viewingDay.lastAssessable = d?.lastAssessable ?? null;
      Object.assign(viewingDay, defaultDay(d, d?.today ?? beijingToday()));
    }
    syncAddress();
    return viewingDay.date;
  })();
  const day = computed({
    get: () => viewingDay.date,
    set: (d: string) => {
      if (!DATE.test(d) || d === viewingDay.date) return;
      viewingDay.date = d;
      viewingDay.note = '';
      syncAddress();
    },
  });
  return { day, ready };
}

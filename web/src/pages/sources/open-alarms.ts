/** Open alarms (not closed: open or acknowledged) per enterprise, for the list and the map. */
import { api } from '../../api/http.ts';
import type { AlarmList } from '../../api/types.ts';

/** Alarms not yet closed, counted by the enterprise's credit code. */
export async function openAlarmsByEnterprise(): Promise<Map<string, number>> {
  const lists = await Promise.all(
    (['open', 'acknowledged'] as const).map((status) =>
      api<AlarmList>('/api/sources/alarms', { query: { status, limit: 500 } }),
    ),
  );
  const out = new Map<string, number>();
  for (const l of lists)
    for (const a of l.items) {
      const code = a.enterprise?.creditCode;
      if (code) out.set(code, (out.get(code) ?? 0) + 1);
    }
  return out;
}

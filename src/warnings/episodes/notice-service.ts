/** The notice PDF of a decision, for a caller who may see its episode. */
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../store/db.ts';
import { loadForecastVersion } from '../forecasts/forecast-repo.ts';
import { decisionsOf } from './episode-repo.ts';
import { regionNames, visibleDecision } from './episode-service.ts';
import { noticePdf } from './notice-pdf.ts';

/** The PDF and its file name (the notice number). */
export async function decisionNotice(
  db: Db,
  p: Principal,
  decisionId: number,
): Promise<{ pdf: Buffer; filename: string }> {
  const { decision, episode } = await visibleDecision(db, p, decisionId);
  const all = await decisionsOf(db.kysely, [Number(episode.id)]);
  const previous = all.filter((d) => Number(d.seq) < Number(decision.seq)).at(-1);
  const version =
    decision.forecast_version_id === null
      ? undefined
      : await loadForecastVersion(db.kysely, Number(decision.forecast_version_id));
  const names = await regionNames(db);
  const pdf = await noticePdf(episode, decision, {
    regionName: names.get(episode.region_adcode) ?? episode.region_adcode,
    previousLevel: previous?.level ?? null,
    forecast: version ? { version: version.version, issued: version.issued } : null,
  });
  return { pdf, filename: `${decision.notice_number}.pdf` };
}

/**
 * Writes one batch into SQLite in one transaction with prepared statements on a better-sqlite3
 * handle (the sibling of withReadingTransaction in src/air/reading-writer.ts, adding
 * device_values and quarantine). Used by the writer thread (sqlite-writer-worker.ts) and by the
 * inline sink. device_values rows go 16 per statement: one call into SQLite per 16 rows instead
 * of per row roughly halves the insert cost.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { ChangedDays, dayBucket, SQLITE_READINGS_UPSERT } from '../../air/reading-writer.ts';
import { sinkResult, type SinkResult } from './ingest-sink.ts';
import type { IngestBatch } from './value-batch.ts';
import { VALUE_COLUMNS } from '../value-columns.ts';

const WIDTH = 18;
const ROWS_PER_STATEMENT = 16;

// A re-sent packet with the same values changes nothing (idempotent); a corrected one replaces
// the stored values.
function valuesSql(rows: number): string {
  const one = `(${new Array(WIDTH).fill('?').join(', ')})`;
  return `insert into device_values (minute, device_id, cn, code, data_time, ${VALUE_COLUMNS.join(', ')}, received_at)
  values ${new Array(rows).fill(one).join(', ')}
  on conflict (minute, device_id, cn, code, data_time) do update set
  ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, received_at = excluded.received_at
  where ${VALUE_COLUMNS.map((c) => `device_values.${c} is not excluded.${c}`).join(' or ')}`;
}

const READINGS_SQL = SQLITE_READINGS_UPSERT;

// A quarantine message a writer gets again (its msg_key is known) inserts nothing.
const QUARANTINE_SQL = `insert into quarantine (received_at, peer, mn, reason, st, cn, raw, msg_key)
  values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (msg_key) do nothing`;

/** Copies row i of the batch into args at offset o. */
function bindRow(b: IngestBatch, i: number, args: unknown[], o: number): void {
  args[o] = b.minute[i];
  args[o + 1] = b.deviceId[i];
  args[o + 2] = b.cn[i];
  args[o + 3] = b.code[i];
  args[o + 4] = b.dataTime[i];
  args[o + 5] = b.rtd[i];
  args[o + 6] = b.avg[i];
  args[o + 7] = b.min[i];
  args[o + 8] = b.max[i];
  args[o + 9] = b.zsRtd[i];
  args[o + 10] = b.zsAvg[i];
  args[o + 11] = b.zsMin[i];
  args[o + 12] = b.zsMax[i];
  args[o + 13] = b.cou[i];
  args[o + 14] = b.flag[i];
  args[o + 15] = b.eflag[i];
  args[o + 16] = b.extra[i];
  args[o + 17] = b.receivedAt[i];
}

/** Prepares the statements on a handle; returns the function that writes a batch and commits. */
export function sqliteBatchWriter(h: BetterSqlite3.Database): (b: IngestBatch) => SinkResult {
  const many = h.prepare(valuesSql(ROWS_PER_STATEMENT));
  const one = h.prepare(valuesSql(1));
  const readings = h.prepare(READINGS_SQL);
  const quarantine = h.prepare(QUARANTINE_SQL);
  const manyArgs: unknown[] = new Array(WIDTH * ROWS_PER_STATEMENT);
  const oneArgs: unknown[] = new Array(WIDTH);

  return (b) => {
    const changed = new ChangedDays();
    h.exec('begin immediate');
    try {
      let i = 0;
      for (; i + ROWS_PER_STATEMENT <= b.n; i += ROWS_PER_STATEMENT) {
        for (let k = 0; k < ROWS_PER_STATEMENT; k++) bindRow(b, i + k, manyArgs, k * WIDTH);
        many.run(manyArgs);
      }
      for (; i < b.n; i++) {
        bindRow(b, i, oneArgs, 0);
        one.run(oneArgs);
      }
      for (let r = 0; r < b.rn; r++) {
        const hour = b.rHour[r]!;
        const res = readings.run(
          dayBucket(hour),
          hour,
          b.rStation[r],
          b.rPollutant[r],
          b.rValue[r],
          b.rFlag[r],
          b.rSource[r],
        );
        if (res.changes > 0) changed.add(b.rStation[r]!, hour);
      }
      for (let q = 0; q < b.qn; q++) {
        quarantine.run(
          b.qAt[q],
          b.qPeer[q],
          b.qMn[q],
          b.qReason[q],
          b.qSt[q],
          b.qCn[q],
          b.qRaw[q],
          b.qKey[q] ?? null,
        );
      }
      h.exec('commit');
    } catch (e) {
      if (h.inTransaction) h.exec('rollback');
      throw e;
    }
    return sinkResult(changed);
  };
}

/**
 * PostgreSQL sink: one transaction per batch, each table written by one INSERT … SELECT FROM
 * unnest(arrays) per chunk (as src/air/reading-writer.ts does for readings). A key may occur
 * twice in one batch (a device re-sent a packet before its ack came back); ON CONFLICT DO UPDATE
 * cannot touch a row twice in one statement, so only the last occurrence of each key is sent.
 */
import type { Db } from '../../store/db.ts';
import { ChangedDays, PG_READINGS_UPSERT } from '../../air/reading-writer.ts';
import { sinkResult, type IngestSink, type SinkResult } from './ingest-sink.ts';
import type { IngestBatch } from './value-batch.ts';
import { VALUE_COLUMNS, VALUE_PG_TYPES } from '../value-columns.ts';

const VALUES_SQL = `insert into device_values (minute, device_id, cn, code, data_time, ${VALUE_COLUMNS.join(', ')}, received_at)
  select * from unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int8[],
    ${VALUE_COLUMNS.map((c, i) => `$${i + 6}::${VALUE_PG_TYPES[c]}[]`).join(', ')}, $18::int8[])
  on conflict (minute, device_id, cn, code, data_time) do update set
  ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, received_at = excluded.received_at
  where ${VALUE_COLUMNS.map((c) => `device_values.${c} is distinct from excluded.${c}`).join(' or ')}`;

const READINGS_SQL = `${PG_READINGS_UPSERT}
  returning station_id, hour`;

// A quarantine message a writer gets again (its msg_key is known) inserts nothing.
const QUARANTINE_SQL = `insert into quarantine (received_at, peer, mn, reason, st, cn, raw, msg_key)
  select * from unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  on conflict (msg_key) do nothing`;

const CHUNK = 20_000;

/** Indexes 0..n-1 keeping only the last occurrence of each key, in order. */
function lastOfEachKey(n: number, key: (i: number) => string): number[] {
  const last = new Map<string, number>();
  for (let i = 0; i < n; i++) last.set(key(i), i);
  const out = [...last.values()];
  out.sort((a, b) => a - b);
  return out;
}

function pick<T>(column: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => column[i]!);
}

/** The PostgreSQL sink of a store. */
export function pgSink(db: Db): IngestSink {
  const pool = db.pg!;
  return {
    async write(b: IngestBatch): Promise<SinkResult> {
      const changed = new ChangedDays();
      const vIdx = lastOfEachKey(
        b.n,
        (i) => `${b.minute[i]}|${b.deviceId[i]}|${b.cn[i]}|${b.dataTime[i]}|${b.code[i]}`,
      );
      const rIdx = lastOfEachKey(b.rn, (i) => `${b.rStation[i]}|${b.rHour[i]}|${b.rPollutant[i]}`);
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (let s = 0; s < vIdx.length; s += CHUNK) {
          const idx = vIdx.slice(s, s + CHUNK);
          await client.query(VALUES_SQL, [
            pick(b.minute, idx),
            pick(b.deviceId, idx),
            pick(b.cn, idx),
            pick(b.code, idx),
            pick(b.dataTime, idx),
            pick(b.rtd, idx),
            pick(b.avg, idx),
            pick(b.min, idx),
            pick(b.max, idx),
            pick(b.zsRtd, idx),
            pick(b.zsAvg, idx),
            pick(b.zsMin, idx),
            pick(b.zsMax, idx),
            pick(b.cou, idx),
            pick(b.flag, idx),
            pick(b.eflag, idx),
            pick(b.extra, idx),
            pick(b.receivedAt, idx),
          ]);
        }
        for (let s = 0; s < rIdx.length; s += CHUNK) {
          const idx = rIdx.slice(s, s + CHUNK);
          const res = await client.query<{ station_id: number; hour: number }>(READINGS_SQL, [
            pick(b.rHour, idx),
            pick(b.rStation, idx),
            pick(b.rPollutant, idx),
            pick(b.rValue, idx),
            pick(b.rFlag, idx),
            pick(b.rSource, idx),
          ]);
          for (const r of res.rows) changed.add(r.station_id, Number(r.hour));
        }
        if (b.qn > 0) {
          const all = Array.from({ length: b.qn }, (_, i) => i);
          await client.query(QUARANTINE_SQL, [
            pick(b.qAt, all),
            pick(b.qPeer, all),
            pick(b.qMn, all),
            pick(b.qReason, all),
            pick(b.qSt, all),
            pick(b.qCn, all),
            pick(b.qRaw, all),
            all.map((i) => b.qKey[i] ?? null),
          ]);
        }
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
      return sinkResult(changed);
    },
  };
}

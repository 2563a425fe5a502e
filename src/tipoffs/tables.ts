/**
 * Tables of public reports (举报) and the exposure board (曝光台), as Kysely sees them (migration
 * 0030). A report's personal data (contact name, phone, the address it came from) lives on the
 * report row and is read only by the services that serve handlers.
 */
import type { Generated } from 'kysely';

/** One public report and how it was handled. */
export interface TipoffTable {
  id: Generated<number>;
  /** Tracking code the reporter follows it with (random, unguessable). */
  code: string;
  /** industrial | dust | burning | vehicle | odour | other. */
  category: string;
  description: string;
  /** GCJ-02 longitude and latitude (the dashboard maps' system), null when only an address was given. */
  lon: number | null;
  lat: number | null;
  address: string | null;
  /** County-level unit found by point-in-polygon (the suggestion). */
  suggested_county: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  /** Address of the request that brought it (personal data). */
  ip: string;
  /** received | assigned | handled | rejected. */
  status: string;
  county: string | null;
  department: string | null;
  deadline_at: number | null;
  /** 0 none, 1 raised to the city office after the deadline passed. */
  escalated: number;
  /** confirmed | not_confirmed, after on-site verification. */
  result: string | null;
  finding: string | null;
  /** The answer the reporter sees with the code. */
  reply: string | null;
  handled_at: number | null;
  /** proposed | approved | refused, null when no reward was proposed. */
  reward_status: string | null;
  reward_amount: number | null;
  /** Edition of the reward rule the amount came from. */
  reward_rule: string | null;
  /** 1 when the case is shown on the exposure board. */
  published: number;
  /** 1 when its photos are shown too. */
  publish_photos: number;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A photo or video of a report (stage 'report') or of the on-site verification ('verification'). */
export interface TipoffFileTable {
  id: Generated<number>;
  tipoff_id: number;
  stage: string;
  sha256: string;
  media_type: string;
  size: number;
  created_at: number;
}

/** The timeline of a case. */
export interface TipoffEventTable {
  id: Generated<number>;
  tipoff_id: number;
  at: number;
  actor: string;
  action: string;
  note: string | null;
}

/** A document the city office publishes on the exposure board (monthly ranking, notice). */
export interface ExposureDocumentTable {
  id: Generated<number>;
  title: string;
  /** YYYY-MM the document is about. */
  month: string;
  url: string | null;
  /** A PDF in the BlobStore, when one was attached. */
  pdf_sha256: string | null;
  published_by: string;
  published_at: number;
}

/** The tables of this domain. */
export interface TipoffTables {
  tipoffs: TipoffTable;
  tipoff_files: TipoffFileTable;
  tipoff_events: TipoffEventTable;
  exposure_documents: ExposureDocumentTable;
}

/**
 * Request and response shapes of non-road mobile machinery (docs/mobile-sources.md, 非道路移动机械):
 * registrations, photos, sites, low-emission zones, zone verdicts, field checks and violations.
 */
import { z } from 'zod';
import { STAGES } from './rules/stages.ts';

const Adcode = z.string().regex(/^\d{6}$/);
const Id = z.coerce.number().int().min(1);
const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

export const IdParams = z.object({ id: Id });
export const CodeParams = z.object({ code: z.string().min(1).max(64) });

/** A registration as sent (the code is issued by Lantian when absent). */
export const MachineBody = z
  .object({
    code: z.string().max(64).optional(),
    ownerName: z.string().max(200),
    ownerIdNo: z.string().max(40),
    ownerPhone: z.string().max(40),
    machineType: z.string().max(100),
    emissionStage: z.enum(STAGES),
    engineModel: z.string().max(200),
    engineNumber: z.string().max(200),
    manufactureYear: z.number().int().nullable().optional(),
    siteId: z.number().int().min(1).nullable().optional(),
    regionAdcode: Adcode.nullable().optional(),
  })
  .strict();

export const PhotoOut = z.object({
  id: z.number(),
  kind: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
});

/** A registered machine. */
export const MachineOut = z.object({
  id: z.number(),
  code: z.string(),
  codeOrigin: z.enum(['issued', 'imported']),
  ownerName: z.string(),
  ownerIdNo: z.string(),
  ownerPhone: z.string(),
  machineType: z.string(),
  emissionStage: z.enum(STAGES),
  emissionStageName: z.string(),
  engineModel: z.string(),
  engineNumber: z.string(),
  manufactureYear: z.number().nullable(),
  siteId: z.number().nullable(),
  siteName: z.string().nullable(),
  regionAdcode: z.string(),
  photos: z.array(PhotoOut),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const MachinesQuery = z.object({
  q: z.string().max(64).optional(),
  stage: z.enum(STAGES).optional(),
  county: Adcode.optional(),
});
export const MachinesOut = z.object({ items: z.array(MachineOut), total: z.number() });

export const PhotoKindQuery = z.object({
  kind: z.enum(['nameplate', 'engine', 'label']).default('nameplate'),
});
export const PhotosOut = z.object({ photos: z.array(PhotoOut) });

export const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** One refused row of an import. */
export const ImportIssue = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  detail: z.string(),
});
export const ImportOut = z.object({
  created: z.number(),
  updated: z.number(),
  codes: z.array(z.string()),
});

/** A site where machines work, with the zones it lies in. */
export const SiteBody = z
  .object({
    name: z.string().min(1).max(100),
    kind: z.enum(['construction', 'plant', 'other']),
    regionAdcode: Adcode,
    lon: Lon,
    lat: Lat,
    address: z.string().max(200).nullable().optional(),
  })
  .strict();
export const SiteOut = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  regionAdcode: z.string(),
  lon: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  zones: z.array(z.object({ id: z.number(), name: z.string() })),
});
export const SitesOut = z.object({ items: z.array(SiteOut) });

const Geometry = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()),
});

/** A low-emission zone: polygon and rules. */
export const ZoneBody = z
  .object({
    name: z.string().min(1).max(100),
    geometry: Geometry,
    minStage: z.number().int().min(1).max(4).optional(),
    bansUncoded: z.boolean().default(true),
    approximate: z.boolean().default(false),
    basis: z.string().min(1).max(300),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();
export const ZoneOut = z.object({
  id: z.number(),
  name: z.string(),
  geometry: Geometry,
  minStage: z.number(),
  bansUncoded: z.boolean(),
  approximate: z.boolean(),
  basis: z.string(),
  note: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.number(),
});
export const ZonesOut = z.object({ items: z.array(ZoneOut) });

/** The zone verdict at a position. */
export const VerdictOut = z.object({
  zones: z.array(z.object({ id: z.number(), name: z.string() })),
  inZone: z.boolean(),
  allowed: z.boolean(),
  bans: z.array(
    z.object({
      zoneId: z.number(),
      zoneName: z.string(),
      kind: z.enum(['uncoded', 'banned-stage']),
      detail: z.string(),
    }),
  ),
  ruleVersion: z.string(),
});
export const VerdictQuery = z.object({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  code: z.string().max(64).optional(),
});

/** What the field page sends with a check (the `data` field of the multipart form). */
export const InspectionData = z
  .object({
    code: z.string().max(64).default(''),
    lon: Lon,
    lat: Lat,
    positionSource: z.enum(['gps', 'manual']),
    accuracyM: z.number().min(0).max(100_000).nullable().optional(),
    siteId: z.number().int().min(1).nullable().optional(),
    regionAdcode: Adcode.nullable().optional(),
    blackSmoke: z.boolean().default(false),
    ringelmann: z.number().int().min(0).max(5).nullable().optional(),
    note: z.string().max(1000).nullable().optional(),
  })
  .strict();

export const ViolationOut = z.object({
  id: z.number(),
  inspectionId: z.number(),
  machineId: z.number().nullable(),
  machineCode: z.string(),
  regionAdcode: z.string(),
  kind: z.enum(['uncoded', 'banned-stage', 'black-smoke']),
  kindName: z.string(),
  detail: z.string(),
  ruleVersion: z.string(),
  status: z.enum(['open', 'rectified', 'closed']),
  statusNote: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  inspectedBy: z.string(),
  createdAt: z.number(),
  updatedBy: z.string(),
  updatedAt: z.number(),
});
export const ViolationsOut = z.object({
  items: z.array(ViolationOut),
  counts: z.object({ open: z.number(), rectified: z.number(), closed: z.number() }),
});
export const ViolationsQuery = z.object({
  status: z.enum(['open', 'rectified', 'closed']).optional(),
  county: Adcode.optional(),
});
export const ViolationPatch = z
  .object({
    status: z.enum(['open', 'rectified', 'closed']),
    note: z.string().min(1).max(500),
  })
  .strict();

export const InspectionOut = z.object({
  id: z.number(),
  machineId: z.number().nullable(),
  codeSeen: z.string(),
  regionAdcode: z.string(),
  lon: z.number(),
  lat: z.number(),
  positionSource: z.enum(['gps', 'manual']),
  accuracyM: z.number().nullable(),
  blackSmoke: z.boolean(),
  ringelmann: z.number().nullable(),
  note: z.string().nullable(),
  verdict: VerdictOut,
  ruleVersion: z.string(),
  photos: z.array(PhotoOut),
  violations: z.array(ViolationOut),
  inspectedBy: z.string(),
  inspectedAt: z.number(),
});

/** What the running terminal listener tells the API (absent when no listener runs). */

/** Counts of the listener. */
export interface TruckListenerSnapshot {
  port: number;
  connections: number;
  connectionsRefused: number;
  framesAccepted: number;
  /** Rejected frames by reason (codec reason codes plus unknown_vin). */
  rejections: Record<string, number>;
  /** Forwarding platforms heard since the listener started (`~~` platform login). */
  platforms?: PlatformLiveCounts[];
}

/** What the listener counted for one forwarding platform. */
export interface PlatformLiveCounts {
  id: number;
  name: string;
  /** Connections logged in now. */
  connections: number;
  /** Frames of registered vehicles accepted from it. */
  frames: number;
  /** Distinct vehicles it forwarded. */
  vehicles: number;
  /** When it last forwarded a frame (UTC ms), or null. */
  lastSeen: number | null;
}

/** A rejected frame as the API shows it. */
export interface RejectionOut {
  at: number;
  peer: string;
  reason: string;
  detail: string;
  vin: string | null;
  command: number | null;
  raw: string;
}

/** The live side of the listener. */
export interface TruckLive {
  /** True while the vehicle has an open connection on which it sent a frame. */
  isConnected(vin: string): boolean;
  /** VINs connected now. */
  connectedVins(): ReadonlySet<string>;
  snapshot(): TruckListenerSnapshot;
  /** The last rejected frames, newest first. */
  recentRejections(limit?: number): RejectionOut[];
  /** Reloads the registry now (after a change through the API). */
  refreshVehicles(): Promise<void>;
}

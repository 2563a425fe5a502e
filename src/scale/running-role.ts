/** A started role of `serve --role` (src/scale/roles.ts). */
export interface RunningRole {
  readonly role: string;
  stop(): Promise<void>;
}

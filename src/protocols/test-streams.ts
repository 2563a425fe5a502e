// Streams for the framers' property tests: valid frames and garbage in random order, and the
// points at which a stream is cut into the chunks a socket would deliver.

import fc from 'fast-check';

/** One piece of a generated stream: a valid frame, or garbage. */
export interface StreamPiece {
  valid: boolean;
  bytes: Buffer;
}

/** Up to 25 pieces, each one of the `valid` frames or a piece of `garbage`. */
export function pieceStreams(
  valid: readonly Buffer[],
  garbage: fc.Arbitrary<Buffer>,
): fc.Arbitrary<StreamPiece[]> {
  return fc.array(
    fc.oneof(
      fc.constantFrom(...valid).map((bytes): StreamPiece => ({ valid: true, bytes })),
      garbage.map((bytes): StreamPiece => ({ valid: false, bytes })),
    ),
    { maxLength: 25 },
  );
}

/** `data` cut at the points `cuts` (each taken modulo data.length + 1), in order. */
export function cutAt(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    chunks.push(data.subarray(prev, p));
    prev = p;
  }
  chunks.push(data.subarray(prev));
  return chunks;
}

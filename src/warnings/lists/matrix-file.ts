/**
 * The default emergency-measure matrix and the lists' configuration, read once from
 * data/warnings/emergency-matrix.json (standards-warnings-grading.md §2.4 and §6; cement and glass
 * filled, every other industry empty). Edited cells live in emergency_matrix_cells.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CellParams, MatrixOut, Measures } from './schema.ts';

const MatrixFile = z.object({
  edition: z.string(),
  source: z.string(),
  note: z.string(),
  verified: z.boolean(),
  config: MatrixOut.shape.config,
  cells: z.array(CellParams.extend({ measures: Measures })),
});

/** The file's contents. */
type MatrixFileData = z.infer<typeof MatrixFile>;

const FILE = fileURLToPath(
  new URL('../../../data/warnings/emergency-matrix.json', import.meta.url),
);

let cached: MatrixFileData | undefined;

/** The default matrix and configuration. */
export function matrixFile(): MatrixFileData {
  cached ??= MatrixFile.parse(JSON.parse(readFileSync(FILE, 'utf8')));
  return cached;
}

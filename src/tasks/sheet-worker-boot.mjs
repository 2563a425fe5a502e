// Entry of a spreadsheet-reading thread (sheet-thread.ts). A worker thread starts without the
// TypeScript loader bin/lantian registers for the main thread, so this file registers tsx (the
// built JavaScript needs none, and loads as it is), then loads the module named in workerData.entry.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(workerData.entry);

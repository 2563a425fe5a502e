// Entry of Lantian's writer threads (src/store/writer-thread.ts). Lantian runs its TypeScript
// through tsx (bin/lantian registers it for the main thread); a worker thread starts without that
// loader, so this JavaScript file registers it, then loads the worker module named in
// workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

// Entry of a spreadsheet-reading process (sheet-thread.ts). A child process starts without the
// TypeScript loader bin/lantian registers, so this file registers tsx when the entry is a .ts file
// (the built JavaScript needs none, and loads as it is), then loads the module named in argv[2].
const entry = process.argv[2];
if (entry.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(entry);

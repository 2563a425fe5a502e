// Public API of the HJ 212 codec (pure: no sockets, no file system).

export * from './crc.ts';
export * from './reason-codes.ts';
export * from './frame-event.ts';
export * from './framer.ts';
export * from './peek-mn.ts';
export * from './packet.ts';
export * from './cp.ts';
export * from './cp-items.ts';
export * from './id-limits.ts';
export * from './segment.ts';
export * from './decoder.ts';
export * from './reassembler.ts';
export * from './serializer.ts';
export * from './responses.ts';
export * from './commands.ts';
export * from './packet-json.ts';
export * from './data-flags.ts';

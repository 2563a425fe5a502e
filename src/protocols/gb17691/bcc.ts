// The frame check code of GB 17691-2018 Annex Q / HJ 1239: BCC, the XOR of every byte from the
// command unit to the last byte of the data unit (the two start bytes are excluded).

/** XOR of data[start, end). */
export function bcc(data: Uint8Array, start = 0, end = data.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= data[i]!;
  return x;
}

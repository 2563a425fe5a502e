// SM2 signatures: checked against signatures made by the OpenSSL 3.0 command line (an
// independent implementation), then in the decoder with a configured key.
//
// The vectors were made with:
//   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out v.pem
//   openssl pkeyutl -sign -in unit.bin -inkey v.pem -rawin -digest sm3 \
//     -pkeyopt distid:CHIP000000000001 -out sig.der
// over the activation data unit below and over the data unit of vector T1.4.

import { createECDH } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Gb17691Decoder, type DecodedMessage } from './decoder.ts';
import type { FrameRejection } from './frame-event.ts';
import type { ActivationMessage, RealtimeMessage } from './message.ts';
import { encodeFrame } from './serializer.ts';
import { sm2PublicKey, sm2Sign, sm2Verify } from './sm2.ts';
import { VALID_VIN } from './test-frames.ts';
import { T1_4_HJ } from './test-vectors.ts';

const PRIVATE = 'DDB648286177FFE588BC5F388335B1034DB36B27E179B482F4489E070106A391';
const PUBLIC =
  'F679E13983C5DABBDC8A07F5B14A33C19EA47EC2676F2351AE48D7A0BE07D6B8' +
  'ACC5015547C9C4CF61C841D13A0C4C01553D9627A4CB6EF3A6E365A74D833C47';
const CHIP = 'CHIP000000000001';
const ACTIVATION_UNIT =
  '180501081E00' +
  Buffer.from(CHIP).toString('hex') +
  PUBLIC +
  Buffer.from(VALID_VIN).toString('hex');
const ACTIVATION_SIG = {
  r: '2E14BAEA64F04DF06D7466B3D3602AC886EC67F77B23D95DEA13CDCD85FF566C',
  s: '2B4DA516A7B6AE959716BB508AD6BBCBFC03C54D1AC95F8F4FBE0F14922DA8A4',
};
const REALTIME_UNIT = T1_4_HJ.hex.slice(48, -2);
const REALTIME_SIG = {
  r: '7A334FDB648BF13B0C93FA658B4CB0B149F425FF4C71F9C60D006DEDBF669E10',
  s: '1D1C9E39FEC9D440CDC5A8BED72BB3EC271B42FE424EE2E13823CFDC80A99870',
};

const hex = (h: string) => Buffer.from(h, 'hex');
const sigBytes = (s: { r: string; s: string }) => hex('20' + s.r + '20' + s.s);

describe('SM2 against OpenSSL', () => {
  it('derives the public key of the private key', () => {
    expect(sm2PublicKey(hex(PRIVATE)).toString('hex').toUpperCase()).toBe(PUBLIC);
  });

  it('verifies the signatures OpenSSL made, with the chip ID as user ID', () => {
    expect(
      sm2Verify(
        hex(PUBLIC),
        CHIP,
        hex(ACTIVATION_UNIT),
        hex(ACTIVATION_SIG.r),
        hex(ACTIVATION_SIG.s),
      ),
    ).toBe(true);
    expect(
      sm2Verify(hex(PUBLIC), CHIP, hex(REALTIME_UNIT), hex(REALTIME_SIG.r), hex(REALTIME_SIG.s)),
    ).toBe(true);
  });

  it('refuses them with another user ID, another message or another key', () => {
    expect(
      sm2Verify(
        hex(PUBLIC),
        '1234567812345678',
        hex(REALTIME_UNIT),
        hex(REALTIME_SIG.r),
        hex(REALTIME_SIG.s),
      ),
    ).toBe(false);
    const other = hex(REALTIME_UNIT);
    other.writeUInt8(other.readUInt8(10) ^ 1, 10);
    expect(sm2Verify(hex(PUBLIC), CHIP, other, hex(REALTIME_SIG.r), hex(REALTIME_SIG.s))).toBe(
      false,
    );
    const wrongKey = sm2PublicKey(hex('01'.repeat(32)));
    expect(
      sm2Verify(wrongKey, CHIP, hex(REALTIME_UNIT), hex(REALTIME_SIG.r), hex(REALTIME_SIG.s)),
    ).toBe(false);
  });

  it('refuses a public key that is not on the curve', () => {
    const bad = hex(PUBLIC);
    bad.writeUInt8(bad.readUInt8(63) ^ 1, 63);
    expect(sm2Verify(bad, CHIP, hex(REALTIME_UNIT), hex(REALTIME_SIG.r), hex(REALTIME_SIG.s))).toBe(
      false,
    );
  });

  it('verifies what it signs, for random keys and messages (Node derives the same public keys)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.string({ minLength: 1, maxLength: 16 }),
        (msg, id) => {
          const ecdh = createECDH('SM2');
          ecdh.generateKeys();
          const pub = ecdh.getPublicKey();
          expect(sm2PublicKey(ecdh.getPrivateKey()).equals(pub.subarray(1))).toBe(true);
          const { r, s } = sm2Sign(ecdh.getPrivateKey(), id, msg);
          expect(sm2Verify(pub, id, msg, r, s)).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('signatures in the decoder', () => {
  const activation = encodeFrame(
    { command: 0x07, vin: VALID_VIN },
    Buffer.concat([hex(ACTIVATION_UNIT), sigBytes(ACTIVATION_SIG)]),
  );
  const signedRealtime = encodeFrame(
    { command: 0x02, vin: VALID_VIN },
    Buffer.concat([hex(REALTIME_UNIT), sigBytes(REALTIME_SIG)]),
  );
  const keys = (publicKey: string, userId?: string) => ({
    signer: (vin: string) =>
      vin === VALID_VIN ? { publicKey: hex(publicKey), ...(userId ? { userId } : {}) } : undefined,
  });

  it('decodes an activation and leaves its signature unchecked without a key', () => {
    const [e] = new Gb17691Decoder().push(activation) as DecodedMessage[];
    const m = e!.message as ActivationMessage;
    expect(m).toMatchObject({
      kind: 'activation',
      chipId: CHIP,
      publicKey: PUBLIC,
      activationVin: VALID_VIN,
    });
    expect(m.signature).toEqual(ACTIVATION_SIG);
  });

  it("verifies an activation with the configured key (user ID = the frame's chip ID)", () => {
    const [e] = new Gb17691Decoder({ keys: keys(PUBLIC) }).push(activation) as DecodedMessage[];
    expect((e!.message as ActivationMessage).signature).toEqual({
      ...ACTIVATION_SIG,
      verified: true,
    });
  });

  it('verifies a signed real-time frame with the configured key and chip ID', () => {
    const [e] = new Gb17691Decoder({ keys: keys(PUBLIC, CHIP) }).push(
      signedRealtime,
    ) as DecodedMessage[];
    const m = e!.message as RealtimeMessage;
    expect(m.layout).toBe('hj1239');
    expect(m.signature).toEqual({ ...REALTIME_SIG, verified: true });
  });

  it('rejects a signature that does not match the configured key as bad_signature', () => {
    const wrong = sm2PublicKey(hex('02'.repeat(32))).toString('hex');
    const [a] = new Gb17691Decoder({ keys: keys(wrong) }).push(activation) as FrameRejection[];
    expect(a).toMatchObject({ ok: false, reason: 'bad_signature', vin: VALID_VIN });
    const [r] = new Gb17691Decoder({ keys: keys(PUBLIC, 'OTHERCHIP0000000') }).push(
      signedRealtime,
    ) as FrameRejection[];
    expect(r!.reason).toBe('bad_signature');
  });
});

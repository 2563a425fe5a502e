// Test vectors of docs/standards/hj212.md §10.1 (HJ 212 CRC / framing), shared by the codec's
// tests. Sources: [S-1] HJ 212-2017 Appendix A example; [S-4] guocay/hj212-protocol ApplicationTest
// SAMPLE[0], [1], [2], [6]; [S-3] xiaoyao9184/hj-t212-parser T212ParserTest; [S-2]
// chenqi92/alltobs-hj212 README. Expected CRCs were computed with the bitwise algorithm of
// docs/standards/hj212.md §1.2, independently of crc.ts.

/** A frame that must be accepted, with its expected length and CRC. */
export interface ValidVector {
  readonly name: string;
  readonly frame: string;
  readonly length: number;
  readonly crc: string;
}

/** A frame whose CRC does not match: must be rejected with `crc_mismatch` and this computed CRC. */
export interface BadCrcVector {
  readonly name: string;
  readonly frame: string;
  readonly computed: string;
}

/** docs/standards/hj212.md §10.1 vectors 1–4. */
export const VALID_VECTORS: readonly ValidVector[] = [
  {
    name: '1: HJ 212-2017 Appendix A example (1C80, not the prose 1C08)',
    frame:
      '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n',
    length: 101,
    crc: '1C80',
  },
  {
    name: '2: ambient-air real-time packet, lower-case CRC [S-4 SAMPLE[0]]',
    frame:
      '##0317QN=20191012133710130;ST=22;CN=2011;PW=123456;MN=Y80110010000010;Flag=4;CP=&&DataTime=20191012133710;a21005-Rtd=0.00,a21005-Flag=N;a21004-Rtd=0.00,a21004-Flag=N;a21007-Rtd=0.033,a21007-Flag=N;a21006-Rtd=0.036,a21006-Flag=N;a21001-Rtd=25.40,a21001-Flag=N;a21003-Rtd=101.94,a21003-Flag=N;a21002-Rtd=49.20,a21002-Flag=N&&cc01\r\n',
    length: 317,
    crc: 'CC01',
  },
  {
    name: '3: HJ/T 212-2005 packet without QN and Flag [S-3]',
    frame:
      '##0136ST=32;CN=2011;PW=000000;MN=LD130133000015;CP=&&DataTime=20160824003817;011-Rtd=231.0,011-Flag=N;B01-Rtd=36.91;060-Rtd=1.803,060-Flag=N&&1dc0\r\n',
    length: 136,
    crc: '1DC0',
  },
  {
    name: '4: water-quality packet with Flag=8 (2025 version bits) [S-2]',
    frame:
      '##0435QN=20210301111100112;ST=21;CN=2011;PW=123456;MN=ZLDSZ20210127;Flag=8;CP=&&DataTime=20210301111100;w01001-Rtd=8.33,w01001-Flag=N;w01009-Rtd=10.15,w01009-Flag=N;w01010-Rtd=9.7,w01010-Flag=N;w01014-Rtd=1425,w01014-Flag=N;w01003-Rtd=13.10,w01003-Flag=N;w21011-Rtd=0,w21011-Flag=N;w21001-Rtd=3.563168,w21001-Flag=N;w21003-Rtd=0.09055002,w21003-Flag=N;w01019-Rtd=4.102818,w01019-Flag=N;w01008-Rtd=0,w01008-Flag=N;w23002-Rtd=0,w23002-Flag=N&&7d00\r\n',
    length: 435,
    crc: '7D00',
  },
];

/** docs/standards/hj212.md §10.1 vector 5: samples whose CRC does not match their data segment. */
export const BAD_CRC_VECTORS: readonly BadCrcVector[] = [
  {
    name: '5a: 2005 packet with PW=123456 sent with 4980 [S-3, S-4 SAMPLE[2]]',
    frame:
      '##0136ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980\r\n',
    computed: '3C00',
  },
  {
    name: '5b: air packet sent with 1100 [S-4 SAMPLE[1]]',
    frame:
      '##0275QN=20190901181526940;ST=32;CN=2011;PW=123456;MN=Y80110010000010;Flag=4;CP=&&DataTime=20190901181500;a21005-Rtd=1.760,a21005-Flag=N;a21026-Rtd=106.400,a21026-Flag=N;O3-Rtd=63.400,O3-Flag=N;a21004-Rtd=63.200,a21004-Flag=N;a34002-Rtd=9,a34002-Flag=N;a34004-Rtd=4,a34004-Flag=N&&1100\r\n',
    computed: '2D00',
  },
  {
    name: '5c: split 2051 part sent with 2800 [S-4 SAMPLE[6]]',
    frame:
      '##0204QN=20191112091100598;ST=31;CN=2051;PW=123456;MN=14513567846884;PNO=0002;PNUM=0002;CP=&&DataTime=20230327090000;a01006-Avg=101.85,a01006-Min=101.84,a01006-Max=101.87,a01006-ValidNum=10,a01006-TotalNum=10&&2800\r\n',
    computed: 'D801',
  },
];

/** Data segment of a frame of docs/standards/hj212.md §10.1 (between length digits and CRC). */
export function segmentOf(frame: string): string {
  return frame.slice(6, frame.indexOf('\n') - (frame.includes('\r\n') ? 5 : 4));
}

import { describe, expect, it } from 'vitest';
import {
  EXE_RTN,
  EXE_RTN_TEXT,
  QN_RTN,
  QN_RTN_TEXT,
  ackFor,
  dataAck,
  exeRtn,
  notifyAck,
  qnRtn,
} from './responses.ts';
import { serialize, serializeSegment } from './serializer.ts';
import { parseSegment } from './segment.ts';
import type { Hj212Packet } from './packet.ts';
import { VALID_VECTORS, segmentOf } from './test-vectors.ts';

function packetOf(segment: string): Hj212Packet {
  const r = parseSegment(segment);
  if (!r.ok) throw new Error(r.detail);
  return r.packet;
}
const vector = (i: number) => packetOf(segmentOf(VALID_VECTORS[i]!.frame));

describe('responses', () => {
  it('answers test vector 1 of §10.1 with these exact 9014 bytes', () => {
    // CRC 71C0 computed with the bitwise reference algorithm of docs/standards/hj212.md §1.2.
    expect(serialize(dataAck(vector(0))).toString('latin1')).toBe(
      '##0087QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&71C0\r\n',
    );
  });

  it('echoes the 2025 version bits (Flag=8) to a 2025 device', () => {
    expect(serializeSegment(dataAck(vector(3)))).toBe(
      'QN=20210301111100112;ST=91;CN=9014;PW=123456;MN=ZLDSZ20210127;Flag=8;CP=&&&&',
    );
  });

  it('answers a 2005 device in the 2005 layout: QN inside CP, Flag=0 only if it sent a Flag', () => {
    const withFlag = packetOf(
      'QN=20040516010101001;ST=32;CN=1072;PW=123456;MN=88888880000001;Flag=1;CP=&&PW=654321&&',
    );
    expect(serializeSegment(qnRtn(withFlag, QN_RTN.ready))).toBe(
      'ST=91;CN=9011;PW=123456;MN=88888880000001;Flag=0;CP=&&QN=20040516010101001;QnRtn=1&&',
    );
    expect(serializeSegment(exeRtn(withFlag, EXE_RTN.success))).toBe(
      'ST=91;CN=9012;PW=123456;MN=88888880000001;Flag=0;CP=&&QN=20040516010101001;ExeRtn=1&&',
    );
    const noFlag = packetOf(
      'QN=20040516010101001;ST=32;CN=2012;PW=123456;MN=88888880000001;CP=&&&&',
    );
    expect(serializeSegment(notifyAck(noFlag))).toBe(
      'ST=91;CN=9013;PW=123456;MN=88888880000001;CP=&&QN=20040516010101001&&',
    );
  });

  it('lets a per-device edition override the request edition', () => {
    const p = vector(2); // 2005 packet without QN
    expect(serializeSegment(dataAck(p, { version: '2017' }))).toBe(
      'ST=91;CN=9014;PW=000000;MN=LD130133000015;Flag=4;CP=&&&&',
    );
  });

  it('builds 9011 and 9012 with their return codes in a 2017 layout', () => {
    const req = vector(0);
    expect(serializeSegment(qnRtn(req, QN_RTN.badPassword))).toBe(
      'QN=20160801085857223;ST=91;CN=9011;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=3&&',
    );
    expect(serializeSegment(exeRtn(req, EXE_RTN.noData))).toBe(
      'QN=20160801085857223;ST=91;CN=9012;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=100&&',
    );
    expect(serializeSegment(notifyAck(req))).toBe(
      'QN=20160801085857223;ST=91;CN=9013;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&',
    );
  });

  it('has the code tables of HJ 212-2017 Tables 6 and 7', () => {
    expect(Object.values(QN_RTN)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    expect(Object.values(EXE_RTN)).toEqual([1, 2, 3, 4, 5, 6, 100]);
    expect(QN_RTN_TEXT[9]).toContain('CRC');
    expect(EXE_RTN_TEXT[100]).toBe('没有数据');
  });

  it('acks only what asks for it: 9014 for uploads, 9013 for notifications, nothing for 9xxx', () => {
    const upload = (cn: string, flag: number) =>
      packetOf(
        `QN=20240101000000000;ST=22;CN=${cn};PW=123456;MN=Y80110010000010;Flag=${flag};CP=&&&&`,
      );
    expect(ackFor(upload('2011', 4))).toBeUndefined();
    expect(ackFor(upload('2061', 5))!.cn).toBe('9014');
    expect(ackFor(upload('1013', 5))!.cn).toBe('9013');
    expect(ackFor(upload('9014', 5))).toBeUndefined();
    expect(ackFor(vector(2))).toBeUndefined(); // 2005 without Flag never asks
  });
});

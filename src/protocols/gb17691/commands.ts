// Command units of GB 17691-2018 Annex Q and HJ 1239 (docs/standards/gb17691.md §1,
// docs/trucks.md): 0x01–0x05 are shared; 0x06 anti-tamper, 0x07 activation and 0x08 activation
// reply are HJ 1239 additions (reserved in Annex Q). In platform-forwarding frames ("~~", HJ 1239.3
// ch. 5, UNVERIFIED) 0x07/0x08/0x09 are enterprise-platform login, logout and key exchange instead.

/** Command unit values. */
export const COMMAND = {
  login: 0x01,
  realtime: 0x02,
  reissue: 0x03,
  logout: 0x04,
  timeCalibration: 0x05,
  antiTamper: 0x06,
  activation: 0x07,
  activationReply: 0x08,
  /** Only in "~~" frames: enterprise-platform login (UNVERIFIED). */
  platformLogin: 0x07,
  /** Only in "~~" frames: enterprise-platform logout (UNVERIFIED). */
  platformLogout: 0x08,
  /** Only in "~~" frames: key exchange (UNVERIFIED). */
  keyExchange: 0x09,
} as const;

/** Chinese name of a command of a "##" terminal frame (undefined when unknown). */
export function commandName(command: number, start: '##' | '~~' = '##'): string | undefined {
  if (start === '~~') {
    if (command === 0x07) return '企业平台登入';
    if (command === 0x08) return '企业平台登出';
    if (command === 0x09) return '密钥交换';
  }
  return TERMINAL_COMMANDS[command];
}

const TERMINAL_COMMANDS: Readonly<Record<number, string>> = {
  0x01: '车辆登入',
  0x02: '实时信息上报',
  0x03: '补发信息上报',
  0x04: '车辆登出',
  0x05: '终端校时',
  0x06: '车辆拆除报警（防拆）',
  0x07: '激活（备案）',
  0x08: '激活应答',
};

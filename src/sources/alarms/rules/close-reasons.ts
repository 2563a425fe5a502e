/**
 * Why an alarm was closed (pure): the reasons a county or the city office names when closing,
 * with their Chinese names. 'other' needs the text to say what.
 */

/** Close reasons. */
export const CLOSE_REASONS = {
  fault: '设备故障',
  stopped: '停产',
  rectified: '已整改',
  false_alarm: '误报',
  other: '其他',
} as const;

/** A close reason. */
export type CloseReason = keyof typeof CLOSE_REASONS;

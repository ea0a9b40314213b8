import type { RegistrationLevel } from '../../case/vocabulary';

/** Chinese names the published figures use. */
export const LEVEL_LABELS: Record<RegistrationLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  county: '县级',
};

export const CHANNEL_GROUPS = ['online', 'visit', 'letter', 'other'] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];
export const CHANNEL_LABELS: Record<ChannelGroup, string> = {
  online: '网上信访',
  visit: '来访',
  letter: '来信',
  other: '其他渠道',
};

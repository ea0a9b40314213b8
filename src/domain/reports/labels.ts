import type { Domain, RegistrationLevel } from '../../case/vocabulary';

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

export const DOMAIN_LABELS: Record<Domain, string> = {
  housing: '住房保障',
  'labour-and-social-security': '劳动和社会保障',
  'land-and-resources': '国土资源',
  'urban-construction': '城乡建设',
  'market-regulation': '市场监管',
  'public-security': '公安',
  'civil-affairs': '民政',
  education: '教育',
  health: '卫生健康',
  environment: '生态环境',
  agriculture: '农业农村',
  other: '其他',
};

/** Fictional petitioners' names: a surname and a given name. */
export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
export const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '桂兰',
  '明',
];

/** What petitions on a subject matter (a code of the built-in classification) are about: subject and text. */
export const MATTERS = {
  'urban-construction.property-management': [
    ['小区电梯长期停运', '所住小区电梯停运两个多月，多次向物业反映未果，请求督促维修。'],
    ['房屋漏水物业不处理', '顶楼房屋雨天漏水，物业以维修基金未批为由拖延，请求协调解决。'],
  ],
  'urban-construction.housing': [
    ['保障性住房分配不公', '申请公租房多年未获配租，认为轮候排序不公开，请求说明并依规处理。'],
  ],
  'urban-construction.land-expropriation': [
    ['征地补偿标准异议', '承包地被征收，对补偿标准和安置方式有异议，请求依法核实。'],
  ],
  'urban-construction.property-delivery': [
    ['新房逾期交付不能办证', '所购商品房逾期一年交付，至今无法办理不动产权证，请求督促开发商办理。'],
  ],
  'urban-construction': [
    ['道路施工噪音扰民', '附近道路夜间施工至凌晨，严重影响休息，请求规范施工时间。'],
    ['老旧小区改造进度慢', '小区列入改造计划一年多仍未开工，请求说明进度。'],
  ],
  'labour-and-social-security.migrant-worker-wages': [
    ['工程款拖欠农民工工资', '在工地务工半年，包工头拖欠工资三万余元，请求帮助追讨。'],
  ],
  'labour-and-social-security.social-insurance': [
    ['养老保险缴费年限认定', '早年在国营企业工作的年限未计入养老保险缴费年限，请求核实认定。'],
    ['工伤认定迟迟未办', '去年在厂内受伤，申请工伤认定至今未有结论，请求督促办理。'],
  ],
  'political-and-legal.litigation-related': [
    ['民事判决执行不到位', '民事判决生效一年多，被执行人仍未履行，请求督促执行。'],
  ],
  'land-and-resources': [['宅基地审批问题', '申请宅基地建房一年未获审批，请求说明原因。']],
  'market-regulation': [
    ['预付卡商家跑路', '健身房关门停业，会员卡余额无法退还，请求查处并协助退费。'],
    ['食品安全问题举报', '某超市出售过期食品，请求依法查处。'],
  ],
  environment: [['企业排污影响生活', '村旁工厂夜间排放刺鼻废气，请求监测并依法处理。']],
  education: [['子女入学安排问题', '随迁子女入学申请未获安排学位，请求协调就近入学。']],
  'civil-affairs.relief': [['低保资格被取消', '家庭困难情况未变，低保资格被取消，请求重新审核。']],
  'health.medical-disputes': [['医疗纠纷处理不公', '家属术后出现并发症，医院调解结果不公，请求依法处理。']],
  'agriculture.village-finance': [['反映村务不公开', '村集体收支多年未公开，请求督促村务公开。']],
  'cadre-conduct': [['村干部办事推诿', '多次到村委会办理证明均被推诿，请求督促改进作风。']],
  other: [['公交线路调整不便', '公交线路调整后附近无站点，出行不便，请求恢复原站点。']],
} satisfies Record<string, Array<[subject: string, description: string]>>;

/** The subject matters the demo registers. */
export type DemoMatter = keyof typeof MATTERS;

/** The written opinions (信访处理意见书) and the other texts staff write. */
export const OPINIONS = {
  supported: '经调查核实，信访人反映的问题属实，已责成相关责任方限期整改。',
  explained: '经调查核实，已就相关政策规定向信访人作出解释说明。',
  'not-supported': '经调查核实，信访人的诉求缺乏事实和政策依据，不予支持。',
} as const;
export const EXTENSION_REASON = '案情复杂，需进一步调查核实，申请延长办理期限。';
export const WITHDRAWAL_REASON = '信访人来电表示问题已协商解决，申请撤回。';
export const RETURN_VISIT_NOTES = {
  reached: '电话回访，已听取信访人意见。',
  unreached: '电话回访，未能联系到信访人。',
};

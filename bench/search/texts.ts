/**
 * Texts for the bench cases, as SQL over bench_facts (`i` numbers the draws): subjects and descriptions put
 * together from pieces a bureau's letters are made of, so that a term such as 电梯 is as common as in life
 * (a few per cent of cases), a building number rarer, and a petitioner's name and phone nearly unique.
 */
const SUBJECTS = [
  '小区电梯长期停运',
  '拖欠农民工工资',
  '房屋拆迁补偿不合理',
  '物业管理服务不到位',
  '噪声扰民问题',
  '养老保险待遇核定',
  '土地承包经营权纠纷',
  '违章建筑影响通行',
  '医疗纠纷处理不公',
  '子女入学问题',
  '环境污染举报',
  '交房延期办证难',
  '低保资格认定',
  '道路破损未修复',
  '供暖不达标',
  '停车位被占用',
  '征地补偿款未到位',
  '企业违规排污',
  '退役军人安置待遇',
  '食品安全投诉',
];

const PLACES = ['幸福里小区', '阳光花园', '滨江苑', '和平新村', '城关镇', '白石镇', '东湖小区', '青山家园'];
const PROBLEMS = [
  '电梯多次故障困人',
  '楼顶漏水严重',
  '地下室积水',
  '外墙脱落存在隐患',
  '单位拒不支付工资',
  '补偿标准低于周边',
  '工厂夜间施工噪声大',
  '管道老化频繁爆裂',
  '绿地被改建停车场',
  '垃圾清运不及时',
];
const REQUESTS = ['请求督促维修', '请求依法处理', '请求协调解决', '请求给予答复', '请求查处'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅玉兰志文斌鹏飞宇浩然晨阳';

const pick = (values: string[], multiplier: number) =>
  `(ARRAY[${values.map((v) => `'${v}'`).join(',')}])[1 + (i::bigint * ${multiplier}) % ${values.length}]`;
const char = (chars: string, multiplier: number) =>
  `substr('${chars}', 1 + ((i::bigint * ${multiplier}) % ${[...chars].length})::int, 1)`;

export const SEARCH_TEXTS = {
  subject: pick(SUBJECTS, 7919),
  description:
    `${pick(PLACES, 104729)} || (1 + i % 40)::text || '号楼' || ${pick(PROBLEMS, 1299709)} || '，' || ` +
    `${pick(REQUESTS, 15485863)} || '。'`,
  petitioner:
    `jsonb_build_object('name', ${char(SURNAMES, 31)} || ${char(GIVEN, 37)} || ${char(GIVEN, 41)}, ` +
    `'phone', '13' || lpad(((i::bigint * 7919) % 1000000000)::text, 9, '0'))`,
};

/** What the measured searches look for: the same pieces, so that each finds what a user would. */
export const TEXT_QUERIES = ['电梯', '漏水', '拖欠 工资', '补偿', '幸福里 3号楼', '噪声', '物业', '积水'];
export const PETITIONER_NAMES = ['王伟', '李芳', '张敏', '刘强', '陈静', '杨磊'];

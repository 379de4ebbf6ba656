/**
 * Varied body text for generated catalogs: sentences composed from pools of places,
 * actors, actions and objects, chosen by a seeded generator, so a 10,000-entry catalog
 * has tens of thousands of distinct phrases rather than twenty repeated ones (search
 * indexes and rankings behave differently on repetitive text).
 */
const PLACES = [
  '桂城街道',
  '北滘镇',
  '祖庙街道',
  '西南街道',
  '荷城街道',
  '狮山镇',
  '容桂街道',
  '大良街道',
  '乐从镇',
  '九江镇',
  '西樵镇',
  '丹灶镇',
  '里水镇',
  '大沥镇',
  '罗村街道',
  '龙江镇',
  '勒流街道',
  '陈村镇',
  '均安镇',
  '杏坛镇',
  '石湾镇街道',
  '张槎街道',
  '南庄镇',
  '白坭镇',
  '乐平镇',
  '芦苞镇',
  '大塘镇',
  '明城镇',
  '杨和镇',
  '更合镇',
];
const ACTORS = [
  '镇党委',
  '村党组织',
  '街道党工委',
  '社区居委会',
  '园区管委会',
  '行业协会',
  '龙头企业',
  '网格员队伍',
  '驻村工作队',
  '党员志愿服务队',
  '区政务服务中心',
  '镇综合执法队',
  '村民理事会',
  '新就业群体党支部',
  '楼宇党建联盟',
];
const ACTIONS = ['牵头建立', '探索推行', '逐步完善', '试点实施', '联合发起', '持续优化', '统筹推进', '率先落地', '分批推广', '系统梳理'];
const OBJECTS = [
  '工业用地整备机制',
  '村级工业园连片改造方案',
  '一网统管协同平台',
  '企业服务专员制度',
  '集体资产交易规则',
  '应急物资储备清单',
  '人才公寓配租办法',
  '社区议事协商规程',
  '产业链招商图谱',
  '老旧小区改造议事会',
  '智能制造诊断服务',
  '知识产权快速维权通道',
  '河涌治理责任清单',
  '数字化转型补贴细则',
  '专精特新培育库',
  '邻里互助积分制度',
  '安全生产隐患台账',
  '农村人居环境考评办法',
  '跨境电商孵化基地',
  '科技成果转化联盟',
];
const RESULTS = [
  '审批时限缩短近一半',
  '群众满意度明显提升',
  '连片改造面积持续扩大',
  '企业投诉量逐年下降',
  '集体经济收入稳步增长',
  '项目落地周期显著缩短',
  '重点隐患实现动态清零',
  '人才留用率有所提高',
  '产业集聚效应初步显现',
  '基层负担得到有效减轻',
];

/** A small deterministic generator (mulberry32): the same entry gets the same text on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` varied sentences for entry `i` of a library (`salt` keeps libraries apart). */
export function variedSentences(i: number, salt: number, count = 3): string {
  const next = rng(i * 7919 + salt * 104729);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    out.push(`${pick(PLACES)}${pick(ACTORS)}${pick(ACTIONS)}${pick(OBJECTS)}，${pick(RESULTS)}。`);
  }
  return out.join('');
}

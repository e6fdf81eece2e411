import type { DemoCity } from './places';
import { personName } from './people';
import type { seededRandom } from './random';

type Random = ReturnType<typeof seededRandom>;

export type DemoCustomerSource = 'WEB_INQUIRY' | 'REFERRAL' | 'EVENT' | 'COLD_CALL' | 'PURCHASED_LIST' | 'BUSINESS_CARD' | 'PARTNER' | 'OTHER';

export interface DemoContact {
  name: string;
  title: string | null;
  mobile: string;
  email: string | null;
  wechatId: string | null;
  decisionRole: 'DECISION_MAKER' | 'INFLUENCER' | 'USER' | 'PURCHASER' | 'FINANCE' | null;
  primary: boolean;
}

/** A custom field's value as the customers subgraph stores it: one part set, by the field's type. */
export interface DemoCustomValue {
  fieldKey: string;
  textValue?: string;
  numberValue?: string;
  choices?: string[];
}

/** What a demo customer's record holds beyond its name and owner (CUS-1). */
export interface DemoCustomerRecord {
  divisionCode: string;
  address: string;
  longitude: number;
  latitude: number;
  industry: string | null;
  source: DemoCustomerSource;
  tags: string[];
  contacts: DemoContact[];
  customValues: DemoCustomValue[];
}

/** The fields admins defined for the demo (CUS-1): one of each kind that filters and facets use. */
export const demoCustomFields = [
  { key: 'employees', label: '员工人数', type: 'NUMBER', required: false, appliesTo: ['COMPANY'], options: [] },
  { key: 'purchase_channel', label: '采购渠道', type: 'SINGLE_CHOICE', required: false, appliesTo: ['COMPANY', 'INDIVIDUAL'], options: ['直销', '经销商', '电商平台', '招投标'] },
  { key: 'certifications', label: '资质认证', type: 'MULTI_CHOICE', required: false, appliesTo: ['COMPANY'], options: ['ISO9001', 'ISO14001', '高新技术企业', '专精特新'] },
  { key: 'contact_hours', label: '方便联系时间', type: 'TEXT', required: false, appliesTo: ['INDIVIDUAL'], options: [] },
] as const;

/** A trade word as it appears in company names, with the industry a customer in it is filed under. */
export const trades = [
  ['科技', '信息技术'], ['贸易', '批发和零售业'], ['电子', '制造业'], ['机械', '制造业'], ['医疗器械', '医疗健康'], ['物流', '交通运输'],
  ['食品', '食品饮料'], ['建材', '建筑建材'], ['软件', '信息技术'], ['新能源', '能源化工'], ['化工', '能源化工'], ['纺织', '纺织服装'],
] as const;

const roads = ['人民路', '解放路', '中山路', '建设路', '和平路', '长江路', '新华路', '青年路', '文化路', '科技路', '创业路', '工业园路', '滨江大道', '世纪大道', '东风路', '湖滨路', '学院路', '金融街', '花园路', '复兴路', '光明路', '迎宾大道', '春晖路', '朝阳路'];
const sources: DemoCustomerSource[] = ['WEB_INQUIRY', 'REFERRAL', 'EVENT', 'COLD_CALL', 'PURCHASED_LIST', 'BUSINESS_CARD', 'PARTNER', 'OTHER'];
const tagPool = ['重点客户', '老客户', '价格敏感', '需上门', '年度框架', '新签'];
const titles = [['总经理', 'DECISION_MAKER'], ['采购经理', 'PURCHASER'], ['财务主管', 'FINANCE'], ['技术总监', 'INFLUENCER'], ['设备管理员', 'USER']] as const;
const mobilePrefixes = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '186', '187', '188', '189'];

/**
 * Street addresses, each used once across the whole demo: duplicate detection compares addresses
 * without their city and district, so two customers at "人民路88号" in different cities would be
 * flagged as one, which only the deliberate duplicates should be.
 */
export function addressBook(random: Random) {
  const taken = new Set<string>();
  return (city: DemoCity) => {
    const [divisionCode, district] = random.pick(city.districts);
    let street: string;
    do street = `${random.pick(roads)}${1 + random.int(999)}号`;
    while (taken.has(street));
    taken.add(street);
    return { divisionCode, address: `${city.fullName}${district}${street}`, ...pointNear(random, city) };
  };
}

/** A point within about 8 km of the city centre, rounded as a map pick would be. */
function pointNear(random: Random, city: DemoCity) {
  const jitter = () => Math.round((random.next() - 0.5) * 0.16 * 1e6) / 1e6;
  return { longitude: Math.round((city.centre[0] + jitter()) * 1e6) / 1e6, latitude: Math.round((city.centre[1] + jitter()) * 1e6) / 1e6 };
}

const mobile = (random: Random) => `${random.pick(mobilePrefixes)}${String(random.int(100_000_000)).padStart(8, '0')}`;

function companyContacts(random: Random): DemoContact[] {
  return Array.from({ length: 1 + random.int(3) }, (_, i) => {
    const [title, decisionRole] = random.pick(titles);
    return { name: personName(random), title, mobile: mobile(random), email: random.next() < 0.6 ? `contact${random.int(1_000_000)}@demo-customer.cn` : null, wechatId: random.next() < 0.5 ? `wx_${random.int(1e8).toString(36)}` : null, decisionRole, primary: i === 0 };
  });
}

function companyValues(random: Random): DemoCustomValue[] {
  const values: DemoCustomValue[] = [];
  if (random.next() < 0.7) values.push({ fieldKey: 'employees', numberValue: String(10 * (1 + random.int(500))) });
  if (random.next() < 0.6) values.push({ fieldKey: 'purchase_channel', choices: [random.pick(demoCustomFields[1].options)] });
  const certifications = demoCustomFields[2].options.filter(() => random.next() < 0.3);
  if (certifications.length) values.push({ fieldKey: 'certifications', choices: [...certifications] });
  return values;
}

/** The rest of a customer's record, for a company in a trade or a person, in a city. */
export function customerRecord(random: Random, place: ReturnType<ReturnType<typeof addressBook>>, customer: { kind: 'COMPANY' | 'INDIVIDUAL'; name: string; industry: string | null }): DemoCustomerRecord {
  const tags = tagPool.filter(() => random.next() < 0.15);
  const source = random.pick(sources);
  if (customer.kind === 'COMPANY') return { ...place, industry: customer.industry, source, tags, contacts: companyContacts(random), customValues: companyValues(random) };
  const self: DemoContact = { name: customer.name, title: null, mobile: mobile(random), email: null, wechatId: `wx_${random.int(1e8).toString(36)}`, decisionRole: 'DECISION_MAKER', primary: true };
  const hours: DemoCustomValue[] = random.next() < 0.4 ? [{ fieldKey: 'contact_hours', textValue: random.pick(['工作日晚上', '周末上午', '午休时间']) }] : [];
  return { ...place, industry: null, source, tags, contacts: [self], customValues: hours };
}

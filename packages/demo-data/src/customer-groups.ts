import { Money } from '@crm/platform';
import { customerRecord, type addressBook } from './customer-records';
import type { DemoCustomer } from './business';
import type { DemoUser } from './people';
import { cityNamed, uncoveredCity, type DemoCity } from './places';
import type { seededRandom } from './random';

type Random = ReturnType<typeof seededRandom>;

/** A customer's place in its group (CUS-4), top down; the top has no parent. */
export interface DemoGroupMember {
  customerId: string;
  parentId: string | null;
  /** Where its orders are billed when not to itself: a branch bills to the company it belongs to. */
  billToId: string | null;
  /** Its own credit limit, exact CNY. */
  creditLimit: string;
}

export interface DemoCustomerGroup {
  topId: string;
  /** The cap on the members' limits together, exact CNY. */
  groupLimit: string;
  members: DemoGroupMember[];
}

interface ExtrasContext {
  random: Random;
  names: { company(city: string): { name: string; industry: string } };
  placeIn: ReturnType<typeof addressBook>;
  repsIn(city: string): DemoUser[];
  at(index: number): Date;
}

const groupBrands = [
  ['卓越', '上海', '杭州', '南京'], ['海纳', '北京', '天津', '上海'], ['宏图', '广州', '深圳', '成都'], ['长风', '成都', '重庆', '北京'],
  ['九州', '南京', '上海', '广州'], ['万象', '深圳', '广州', '杭州'], ['星河', '杭州', '南京', '重庆'], ['天成', '重庆', '成都', '天津'],
] as const;

/** The same customer entered twice by two reps, as reps do: each pair waits in the duplicate review queue (CUS-3). */
const likelyDuplicates = [
  { kind: 'COMPANY', names: ['上海锦程物流有限公司', '锦程物流（上海）有限公司'], city: '上海', district: ['310104', '徐汇区'], street: '漕宝路1500号', industry: '交通运输' },
  { kind: 'COMPANY', names: ['杭州博远电子股份有限公司', '博远电子（杭州）有限公司'], city: '杭州', district: ['330106', '西湖区'], street: '文三路398号', industry: '制造业' },
  { kind: 'COMPANY', names: ['深圳市鼎晖新能源科技有限公司', '鼎晖新能源科技（深圳）有限公司'], city: '深圳', district: ['440305', '南山区'], street: '深南大道9988号', industry: '能源化工' },
  { kind: 'INDIVIDUAL', names: ['陈思远', '陈思远'], city: '成都', district: ['510104', '锦江区'], street: '春熙路66号', industry: null },
] as const;

const OUTSIDE_TERRITORY = 12;

/**
 * The customers that show the record's rules at work: eight groups (HQ → subsidiary → branch, bills
 * going up, two groups close to their credit cap), a few likely duplicates, and customers in a city
 * no unit's territory covers.
 */
export function buildCustomerExtras(ctx: ExtrasContext) {
  const customers: DemoCustomer[] = [];
  const add = (name: string, kind: DemoCustomer['kind'], industry: string | null, city: DemoCity, place: ReturnType<ExtrasContext['placeIn']>, ownerCity = city.name) => {
    const createdAt = ctx.at(customers.length);
    const owner = ctx.random.pick(ctx.repsIn(ownerCity));
    const customer: DemoCustomer = { id: ctx.random.uuid(createdAt), name, kind, city: city.name, ownerId: owner.id, salesTeamId: null, createdAt, ...customerRecord(ctx.random, place, { kind, name, industry }) };
    customers.push(customer);
    return customer;
  };

  const groups = groupBrands.map(([brand, hqCity, subsidiaryCity, branchCity], g) => {
    const company = (name: string, city: string) => add(name, 'COMPANY', '制造业', cityNamed(city), ctx.placeIn(cityNamed(city)));
    const hq = company(`${brand}集团有限公司`, hqCity);
    const subsidiary = company(`${subsidiaryCity}${brand}精密机械有限公司`, subsidiaryCity);
    const hqBranch = company(`${brand}集团${branchCity}分公司`, branchCity);
    const subsidiaryBranch = company(`${subsidiaryCity}${brand}精密机械有限公司${hqCity}分公司`, hqCity);
    const groupLimit = Money.of(String(2 + g)).times(1_000_000);
    // Two groups have handed out nearly all of their cap (98 %), the others 78.4 %: an order in the
    // first two meets the limit first.
    const share = (percent: number) => groupLimit.times(percent).dividedBy(g < 2 ? 100 : 125).toString();
    return {
      topId: hq.id,
      groupLimit: groupLimit.toString(),
      members: [
        { customerId: hq.id, parentId: null, billToId: null, creditLimit: share(40) },
        { customerId: subsidiary.id, parentId: hq.id, billToId: null, creditLimit: share(30) },
        { customerId: hqBranch.id, parentId: hq.id, billToId: hq.id, creditLimit: share(14) },
        { customerId: subsidiaryBranch.id, parentId: subsidiary.id, billToId: subsidiary.id, creditLimit: share(14) },
      ],
    } satisfies DemoCustomerGroup;
  });

  for (const pair of likelyDuplicates) {
    const city = cityNamed(pair.city);
    const [divisionCode, district] = pair.district;
    const point = { longitude: city.centre[0], latitude: city.centre[1] };
    add(pair.names[0], pair.kind, pair.industry, city, { divisionCode, address: `${city.fullName}${district}${pair.street}`, ...point });
    add(pair.names[1], pair.kind, pair.industry, city, { divisionCode, address: `${district}${pair.street}`, ...point });
  }

  for (let i = 0; i < OUTSIDE_TERRITORY; i += 1) {
    const { name, industry } = ctx.names.company(uncoveredCity.name);
    add(name, 'COMPANY', industry, uncoveredCity, ctx.placeIn(uncoveredCity), '上海');
  }
  return { customers, groups };
}

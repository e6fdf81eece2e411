import { buildCustomerExtras } from './customer-groups';
import { addressBook, customerRecord, trades, type DemoCustomerRecord } from './customer-records';
import { cityNameOf, type DemoOrgUnit } from './org-tree';
import { personName, type DemoUser } from './people';
import { cityNamed } from './places';
import type { seededRandom } from './random';

export interface DemoCustomer extends DemoCustomerRecord {
  id: string;
  name: string;
  kind: 'COMPANY' | 'INDIVIDUAL';
  city: string;
  ownerId: string;
  /** A sales team sharing the customer (ORG-4). */
  salesTeamId: string | null;
  createdAt: Date;
}

export interface DemoLead {
  id: string;
  title: string;
  source: 'WEB_INQUIRY' | 'CRAWLED' | 'PURCHASED_LIST' | 'BUSINESS_CARD' | 'EVENT';
  status: 'NEW' | 'VERIFIED' | 'CONVERTED' | 'DISCARDED';
  customerId: string;
  ownerId: string;
  createdAt: Date;
}

export interface DemoComplaint {
  id: string;
  subject: string;
  description: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH';
  customerId: string;
  filedById: string;
  /** The owner filed it and handles it. */
  handlerId: string;
  createdAt: Date;
}

const brandHeads = ['华', '中', '金', '恒', '盛', '鼎', '瑞', '宏', '博', '信', '安', '海', '天', '润', '嘉', '永', '新', '东', '远', '德'];
const brandTails = ['泰', '达', '兴', '源', '昌', '通', '科', '越', '宇', '诚', '丰', '辉', '联', '成', '锦', '策', '航', '禾', '晟', '峰'];
const legalForms = ['有限公司', '股份有限公司', '集团有限公司'];
const leadSources: DemoLead['source'][] = ['WEB_INQUIRY', 'CRAWLED', 'PURCHASED_LIST', 'BUSINESS_CARD', 'EVENT'];
const leadStatuses: DemoLead['status'][] = ['NEW', 'NEW', 'VERIFIED', 'CONVERTED', 'DISCARDED'];
const products = ['工业路由器', '数控机床', '冷链监控终端', '智能电表', '企业版软件', '医用监护仪'];
const problems = ['到货延迟', '安装后无法开机', '售后响应慢', '发票信息有误', '配件缺失', '运行噪音过大'];

export const CUSTOMER_COUNT = 3000;
const DAY_MS = 86_400_000;

/**
 * Customer names no two of which duplicate detection would pair: companies get distinct brand and
 * trade cores (the part left once place and legal form are stripped), people distinct names.
 */
function uniqueNames(random: ReturnType<typeof seededRandom>) {
  const cores = brandHeads.flatMap((head) => brandTails.flatMap((tail) => trades.map(([word, industry]) => ({ core: `${head}${tail}${word}`, industry }))));
  const people = new Set<string>();
  return {
    company(city: string) {
      const { core, industry } = cores.splice(random.int(cores.length), 1)[0]!;
      return { name: `${city}${core}${random.pick(legalForms)}`, industry };
    },
    person() {
      let name: string;
      do name = personName(random);
      while (people.has(name));
      people.add(name);
      return { name, industry: null };
    },
  };
}

export function buildBusiness(
  units: readonly DemoOrgUnit[],
  people: readonly DemoUser[],
  random: ReturnType<typeof seededRandom>,
  start: Date,
) {
  const reps = people.filter((p) => p.roles.includes('REP'));
  const customers: DemoCustomer[] = [];
  const leads: DemoLead[] = [];
  const complaints: DemoComplaint[] = [];
  const names = uniqueNames(random);
  const placeIn = addressBook(random);
  for (let i = 0; i < CUSTOMER_COUNT; i += 1) {
    const owner = random.pick(reps);
    const city = cityNameOf(units, owner.orgPath);
    const createdAt = new Date(start.getTime() + i * (DAY_MS / 10));
    const kind = random.next() < 0.9 ? 'COMPANY' : 'INDIVIDUAL';
    const { name, industry } = kind === 'COMPANY' ? names.company(city) : names.person();
    const record = customerRecord(random, placeIn(cityNamed(city)), { kind, name, industry });
    const customer: DemoCustomer = { id: random.uuid(createdAt), name, kind, city, ownerId: owner.id, salesTeamId: null, createdAt, ...record };
    customers.push(customer);
    if (i % 3 === 0) {
      const at = new Date(createdAt.getTime() + DAY_MS);
      leads.push({
        id: random.uuid(at),
        title: `${random.pick(products)}采购意向`,
        source: random.pick(leadSources),
        status: random.pick(leadStatuses),
        customerId: customer.id,
        ownerId: owner.id,
        createdAt: at,
      });
    }
    if (i % 10 === 0) {
      const at = new Date(createdAt.getTime() + 2 * DAY_MS);
      const product = random.pick(products);
      const problem = random.pick(problems);
      complaints.push({
        id: random.uuid(at),
        subject: `${product}${problem}`,
        description: `客户反映${product}${problem}，要求尽快处理并回复处理结果。`,
        severity: random.pick(['LOW', 'MEDIUM', 'HIGH'] as const),
        customerId: customer.id,
        filedById: owner.id,
        handlerId: owner.id,
        createdAt: at,
      });
    }
  }
  const extras = buildCustomerExtras({
    random,
    names,
    placeIn,
    repsIn: (city) => reps.filter((rep) => cityNameOf(units, rep.orgPath) === city),
    at: (index) => new Date(start.getTime() + (CUSTOMER_COUNT + index) * (DAY_MS / 10)),
  });
  return { customers: [...customers, ...extras.customers], customerGroups: extras.groups, leads, complaints };
}

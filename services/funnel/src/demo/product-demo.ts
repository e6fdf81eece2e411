import { demoData } from '@crm/demo-data';
import { Money, shanghaiDate, type Scope } from '@crm/platform';
import { ProductKind } from '../generated/graphql';
import { PriceBook, PriceBookEntry, Product, ProductCategory, ProductLine } from '../modules/product';

type DemoProduct = [sku: string, name: string, unit: string, category: string, standardCost: string, listPrice: string];
interface DemoAttachable {
  product: DemoProduct;
  kind: ProductKind;
  attachableTo: string[];
}

/** The line codes are the ones the demo's sales team maps to its reps (华北大客户组: 工业设备, 耗材). */
const LINES: Record<string, DemoProduct[]> = {
  工业设备: [
    ['CNC-VMC850', '立式加工中心 VMC850', '台', '数控机床', '268000.00', '358000.00'],
    ['CNC-CK6150', '数控车床 CK6150', '台', '数控机床', '126000.00', '168000.00'],
    ['RT-IR615', '工业路由器 IR615（4G）', '台', '工业路由器', '1180.00', '1680.00'],
    ['RT-IR915', '工业路由器 IR915（5G）', '台', '工业路由器', '2650.00', '3580.00'],
    ['MTR-DTZY', '三相费控智能电表', '只', '智能电表', '420.00', '598.00'],
    ['MTR-DDZY', '单相费控智能电表', '只', '智能电表', '138.00', '199.00'],
  ],
  耗材: [
    ['CNS-EM-D10', '硬质合金立铣刀 D10', '支', '刀具', '45.50', '78.00'],
    ['CNS-COOL-20L', '全合成切削液 20L', '桶', '切削液', '210.00', '320.00'],
    ['CNS-IOT-SIM', '物联网流量卡（年）', '张', '通信耗材', '36.00', '60.00'],
  ],
};

/** Seed 000 §3: sold with the equipment, so they sit in its line and its rep is credited. */
const ATTACHABLE: DemoAttachable[] = [
  { product: ['WTY-CNC-2Y', '数控机床延保 2 年', '份', '延保服务', '9800.00', '16800.00'], kind: ProductKind.Warranty, attachableTo: ['CNC-VMC850', 'CNC-CK6150'] },
  { product: ['WTY-RT-3Y', '工业路由器延保 3 年', '份', '延保服务', '120.00', '260.00'], kind: ProductKind.Warranty, attachableTo: ['RT-IR615', 'RT-IR915'] },
  { product: ['SVC-CNC-INSTALL', '机床安装调试', '次', '技术服务', '2500.00', '4800.00'], kind: ProductKind.Service, attachableTo: ['CNC-VMC850', 'CNC-CK6150'] },
];

/** General prices: last year's, then this year's, a little higher for the machines. */
const GENERAL_PRICES: Record<string, [lastYear: string, thisYear: string]> = {
  'CNC-VMC850': ['338000.00', '348000.00'],
  'CNC-CK6150': ['158000.00', '162000.00'],
  'RT-IR615': ['1580.00', '1580.00'],
  'MTR-DTZY': ['568.00', '558.00'],
  'CNS-COOL-20L': ['300.00', '305.00'],
};

/** The first demo group's contract prices this year. */
const GROUP_PRICES: Record<string, string> = { 'CNC-VMC850': '329000.00', 'RT-IR615': '1450.00', 'RT-IR915': '3200.00', 'WTY-CNC-2Y': '14800.00' };

/**
 * FUN-11's demo catalogue: industrial equipment and consumables in the two lines the demo sales
 * team maps, warranties and an installation service attachable to the equipment, a general price
 * book for last year and this year, and one group's price book. Seed data, so not audited; it
 * does nothing when products exist.
 */
export async function seedDemoProducts(scope: Scope): Promise<void> {
  const { em } = scope;
  if (await em.count(Product)) return;
  const now = scope.clock.now();
  const stamps = { createdAt: now, updatedAt: now };
  const categories = new Map<string, ProductCategory>();
  const categoryId = (name: string) => {
    if (!categories.has(name)) categories.set(name, em.create(ProductCategory, { name, ...stamps }));
    return categories.get(name)!.id;
  };
  const bySku = new Map<string, Product>();
  const add = (lineId: string, [sku, name, unit, category, cost, price]: DemoProduct, kind: ProductKind = ProductKind.Product, attachableTo: string[] = []) =>
    bySku.set(
      sku,
      em.create(Product, {
        sku,
        name,
        unit,
        lineId,
        categoryId: categoryId(category),
        kind,
        standardCost: Money.of(cost),
        listPrice: Money.of(price),
        attachableToIds: attachableTo.map((main) => bySku.get(main)!.id),
        ...stamps,
      }),
    );
  for (const [code, products] of Object.entries(LINES)) {
    const line = em.create(ProductLine, { code, name: code, ...stamps });
    for (const product of products) add(line.id, product);
    if (code === '工业设备') for (const { product, kind, attachableTo } of ATTACHABLE) add(line.id, product, kind, attachableTo);
  }
  const year = Number(shanghaiDate(now).slice(0, 4));
  const book = (name: string, y: number, customerGroupId: string | null, prices: Record<string, string>) => {
    const priceBook = em.create(PriceBook, { name, validFrom: `${y}-01-01`, validTo: `${y}-12-31`, customerGroupId, createdAt: now });
    for (const [sku, price] of Object.entries(prices)) {
      em.create(PriceBookEntry, { priceBookId: priceBook.id, productId: bySku.get(sku)!.id, price: Money.of(price), validFrom: priceBook.validFrom, recordedAt: now, recordedById: null });
    }
  };
  const general = Object.entries(GENERAL_PRICES);
  book(`${year - 1} 年标准价目表`, year - 1, null, Object.fromEntries(general.map(([sku, [lastYear]]) => [sku, lastYear])));
  book(`${year} 年标准价目表`, year, null, Object.fromEntries(general.map(([sku, [, thisYear]]) => [sku, thisYear])));
  book(`${year} 年集团协议价`, year, demoData().customerGroups[0]!.topId, GROUP_PRICES);
  await em.flush();
}

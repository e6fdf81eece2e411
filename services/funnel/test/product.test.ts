import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, Money, newId, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';
import { seedDemoProducts } from '../src/demo/product-demo';
import { pricesFor } from '../src/modules/product';
import { createProduct } from '../src/modules/product/product.service';

/**
 * FUN-11's catalogue and price books: admins define lines, categories, products (warranties
 * attached to main products) and dated price books; everyone signed in reads them; bad prices are
 * refused with a stable reason and nothing written; the price that applies goes group book →
 * general book → list price by the day asked for, and a changed price keeps the old one for the
 * days before. Dates are moved, never the wall clock; the demo's books cover this year and last,
 * so the books here are for 2030 and 2031.
 */
const clock = new ManualClock('2026-12-08T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const rep = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let url: string;

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const refusalOf = (response: GraphQLResponse<unknown>) => ({ code: response.errors?.[0]?.extensions?.code, reason: response.errors?.[0]?.extensions?.reason, field: response.errors?.[0]?.extensions?.field });

const PRODUCT = 'id sku name unit kind standardCost listPrice active line { code } category { name } attachableTo { sku } attachments { sku }';
const CREATE_LINE = 'mutation ($input: CreateProductLineInput!) { createProductLine(input: $input) { id code name } }';
const CREATE_CATEGORY = 'mutation ($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { id name } }';
const CREATE_PRODUCT = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT} } }`;
const UPDATE_PRODUCT = `mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { ${PRODUCT} } }`;
const PRODUCTS = `query ($filter: ProductFilter) { products(filter: $filter, first: 100) { edges { node { ${PRODUCT} } } } }`;
const BOOK = 'id name validFrom validTo customerGroup { id } entries(first: 100) { edges { node { product { sku } price validFrom recordedBy { id } } } }';
const CREATE_BOOK = `mutation ($input: CreatePriceBookInput!) { createPriceBook(input: $input) { ${BOOK} } }`;
const SET_ENTRIES = `mutation ($input: SetPriceBookEntriesInput!) { setPriceBookEntries(input: $input) { ${BOOK} } }`;
const BOOKS = 'query { priceBooks(first: 100) { edges { node { id } } } }';
const PRICE = 'query ($productId: ID!, $group: ID, $on: String) { productPrice(productId: $productId, customerGroupId: $group, on: $on) { product { sku } on price standardCost source priceBook { name } } }';

interface ProductView {
  id: string;
  sku: string;
  kind: string;
  standardCost: string;
  listPrice: string;
  line: { code: string };
  attachableTo: { sku: string }[];
  attachments: { sku: string }[];
}
interface BookView {
  id: string;
  name: string;
  entries: { edges: { node: { product: { sku: string }; price: string; validFrom: string; recordedBy: { id: string } | null } }[] };
}
interface PriceView {
  on: string;
  price: string;
  standardCost: string;
  source: string;
  priceBook: { name: string } | null;
}

const productsMatching = async (search: string) => (await call<{ products: { edges: { node: ProductView }[] } }>(admin, PRODUCTS, { filter: { search } })).data!.products.edges.map((e) => e.node);
const bookCount = async () => (await call<{ priceBooks: { edges: unknown[] } }>(admin, BOOKS)).data!.priceBooks.edges.length;
const priceOf = async (productId: string, on: string, group: string | null = null) => {
  const response = await call<{ productPrice: PriceView }>(rep, PRICE, { productId, on, group });
  expect(response.errors).toBeUndefined();
  return response.data!.productPrice;
};

const catalogue: Record<string, ProductView> = {};
let lineId: string;
let consumablesLineId: string;
let categoryId: string;
const group = newId();

async function addProduct(input: Record<string, unknown>): Promise<ProductView> {
  const created = await call<{ createProduct: ProductView }>(admin, CREATE_PRODUCT, { input: { unit: '台', lineId, ...input } });
  expect(created.errors).toBeUndefined();
  return (catalogue[created.data!.createProduct.sku] = created.data!.createProduct);
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock, seedDemoData: true });
  url = system.running.funnel!.url;
  await seedDemoProducts(system.running.funnel!.systemScope());
  const line = await call<{ createProductLine: { id: string } }>(admin, CREATE_LINE, { input: { code: 'T-数控设备', name: '数控设备（测试）' } });
  const consumables = await call<{ createProductLine: { id: string } }>(admin, CREATE_LINE, { input: { code: 'T-耗材', name: '耗材（测试）' } });
  const category = await call<{ createProductCategory: { id: string } }>(admin, CREATE_CATEGORY, { input: { name: '测试-数控机床' } });
  lineId = line.data!.createProductLine.id;
  consumablesLineId = consumables.data!.createProductLine.id;
  categoryId = category.data!.createProductCategory.id;
  await addProduct({ sku: 'T-VMC', name: '立式加工中心', categoryId, kind: 'PRODUCT', standardCost: '268000.00', listPrice: '358000.00' });
  await addProduct({ sku: 'T-LATHE', name: '数控车床', categoryId, kind: 'PRODUCT', standardCost: '126000.00', listPrice: '168000.00' });
  await addProduct({ sku: 'T-WTY', name: '机床延保 2 年', unit: '份', kind: 'WARRANTY', standardCost: '9800.00', listPrice: '16800.00', attachableToIds: [catalogue['T-VMC']!.id, catalogue['T-LATHE']!.id] });
  await addProduct({ sku: 'T-OIL', name: '切削液', unit: '桶', lineId: consumablesLineId, kind: 'PRODUCT', standardCost: '0.05', listPrice: '0.10' });
  await addProduct({ sku: 'T-TAPE', name: '绝缘胶带', unit: '卷', lineId: consumablesLineId, kind: 'PRODUCT', standardCost: '0.08', listPrice: '0.20' });
}, 180_000);

afterAll(async () => system?.stop());

it('seeds a demo catalogue in the lines the demo sales team maps, warranties attached to equipment', async () => {
  const lines = await call<{ productLines: { edges: { node: { code: string } }[] } }>(rep, 'query { productLines(first: 100) { edges { node { code } } } }');
  expect(lines.data!.productLines.edges.map((e) => e.node.code)).toEqual(expect.arrayContaining(demo.salesTeams[0]!.productLines.map((p) => p.productLine)));
  const [machine] = (await call<{ products: { edges: { node: ProductView }[] } }>(rep, PRODUCTS, { filter: { search: 'CNC-VMC850' } })).data!.products.edges.map((e) => e.node);
  expect(machine).toMatchObject({ line: { code: '工业设备' }, attachments: [{ sku: 'SVC-CNC-INSTALL' }, { sku: 'WTY-CNC-2Y' }] });
});

describe('defining the catalogue', () => {
  it('keeps products with their line, money exact, and warranties attached both ways', async () => {
    expect(await productsMatching('T-VMC')).toMatchObject([{ kind: 'PRODUCT', standardCost: '268000.00', listPrice: '358000.00', line: { code: 'T-数控设备' }, attachments: [{ sku: 'T-WTY' }] }]);
    expect(catalogue['T-WTY']).toMatchObject({ kind: 'WARRANTY', attachableTo: [{ sku: 'T-VMC' }, { sku: 'T-LATHE' }], attachments: [] });
  });

  it('filters by line code, kind and search, and resolves products as federation entities in one batch', async () => {
    const inLine = await call<{ products: { edges: { node: ProductView }[] } }>(rep, PRODUCTS, { filter: { lineCode: 'T-耗材' } });
    expect(inLine.data!.products.edges.map((e) => e.node.sku).sort()).toEqual(['T-OIL', 'T-TAPE']);
    const warranties = await call<{ products: { edges: { node: ProductView }[] } }>(rep, PRODUCTS, { filter: { kind: 'WARRANTY', lineCode: 'T-数控设备', search: '延保' } });
    expect(warranties.data!.products.edges.map((e) => e.node.sku)).toEqual(['T-WTY']);
    const entities = await call<{ _entities: ({ sku: string } | null)[] }>(rep, 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku } } }', {
      reps: [catalogue['T-OIL']!.id, catalogue['T-VMC']!.id, newId()].map((id) => ({ __typename: 'Product', id })),
    });
    expect(entities.data!._entities).toEqual([{ sku: 'T-OIL' }, { sku: 'T-VMC' }, null]);
  });

  it('is for admins only: a rep is FORBIDDEN to write and nothing is written', async () => {
    const refused = await call(rep, CREATE_PRODUCT, { input: { sku: 'T-REP', name: '代客下单', unit: '台', lineId, kind: 'PRODUCT', standardCost: '1.00', listPrice: '2.00' } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(rep, CREATE_LINE, { input: { code: 'T-REP', name: '代客' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(rep, CREATE_BOOK, { input: { name: '私价', validFrom: '2032-01-01', validTo: '2032-12-31' } }))).toEqual(['FORBIDDEN']);
    expect(await productsMatching('T-REP')).toEqual([]);
  });

  it.each([
    ['a negative price', { listPrice: '-1' }, { code: 'BAD_USER_INPUT', reason: 'NEGATIVE_PRICE', field: 'listPrice' }],
    ['a negative cost', { standardCost: '-0.01' }, { code: 'BAD_USER_INPUT', reason: 'NEGATIVE_PRICE', field: 'standardCost' }],
    ['a third decimal', { listPrice: '1.234' }, { code: 'BAD_USER_INPUT' }],
    ['a JSON number', { listPrice: 12.5 }, { code: 'BAD_USER_INPUT' }],
    ['a SKU already used', { sku: 'T-VMC' }, { code: 'CONFLICT', reason: 'DUPLICATE_SKU', field: 'sku' }],
    ['an unknown line', { lineId: newId() }, { code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT_LINE', field: 'lineId' }],
    ['a PRODUCT attached to another', { attachableToIds: [newId()] }, { code: 'BAD_USER_INPUT', reason: 'INVALID_ATTACHMENT', field: 'attachableToIds' }],
  ])('refuses %s and writes nothing', async (_what, given, refusal) => {
    const input = { sku: 'T-BAD', name: '错误输入', unit: '台', lineId, kind: 'PRODUCT', standardCost: '1.00', listPrice: '2.00', ...given };
    expect(refusalOf(await call(admin, CREATE_PRODUCT, { input }))).toMatchObject(refusal);
    expect(await productsMatching('T-BAD')).toEqual([]);
  });

  it('refuses a warranty attached to anything but a main product, or to one that does not exist', async () => {
    const base = { sku: 'T-WTY2', name: '延保', unit: '份', lineId, kind: 'WARRANTY', standardCost: '1.00', listPrice: '2.00' };
    const toWarranty = await call(admin, CREATE_PRODUCT, { input: { ...base, attachableToIds: [catalogue['T-WTY']!.id] } });
    expect(refusalOf(toWarranty)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ATTACHMENT', field: 'attachableToIds.0' });
    const toNothing = await call(admin, CREATE_PRODUCT, { input: { ...base, attachableToIds: [catalogue['T-VMC']!.id, newId()] } });
    expect(refusalOf(toNothing)).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT', field: 'attachableToIds.1' });
    expect(await productsMatching('T-WTY2')).toEqual([]);
  });

  it('holds a direct call (no Money scalar in between) to the same rules, with INVALID_MONEY', async () => {
    const input = { sku: 'T-DIRECT', name: '直接调用', unit: '台', lineId, kind: 'PRODUCT', standardCost: '1.00', listPrice: '1.234' };
    await expect(createProduct(system.running.funnel!.systemScope(), input)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_MONEY', field: 'listPrice' } });
  });

  it('changes a list price and keeps the old one readable in the audit trail', async () => {
    clock.set('2026-12-09T02:00:00Z');
    const updated = await call<{ updateProduct: ProductView }>(admin, UPDATE_PRODUCT, { input: { id: catalogue['T-LATHE']!.id, listPrice: '172000.00' } });
    expect(updated.data!.updateProduct).toMatchObject({ listPrice: '172000.00', standardCost: '126000.00' });
    const trail = await call<{ productAuditTrail: { edges: { node: { action: string; before: unknown; after: unknown; actor: { id: string } } }[] } }>(
      rep,
      'query ($id: ID!) { productAuditTrail(id: $id) { edges { node { action before after actor { id } } } } }',
      { id: catalogue['T-LATHE']!.id },
    );
    expect(trail.data!.productAuditTrail.edges.map((e) => e.node)).toEqual([
      { action: 'product.updated', before: { listPrice: '168000.00' }, after: { listPrice: '172000.00' }, actor: { id: admin.id } },
      expect.objectContaining({ action: 'product.created' }),
    ]);
  });
});

describe('price books', () => {
  let general: BookView;
  let groupBook: BookView;

  beforeAll(async () => {
    const created = await call<{ createPriceBook: BookView }>(admin, CREATE_BOOK, {
      input: {
        name: '2030 标准价',
        validFrom: '2030-01-01',
        validTo: '2030-12-31',
        entries: [
          { productId: catalogue['T-VMC']!.id, price: '340000.00' },
          { productId: catalogue['T-OIL']!.id, price: '0.10' },
          { productId: catalogue['T-TAPE']!.id, price: '0.20' },
        ],
      },
    });
    expect(created.errors).toBeUndefined();
    general = created.data!.createPriceBook;
    const forGroup = await call<{ createPriceBook: BookView }>(admin, CREATE_BOOK, {
      input: { name: '集团协议价 2030 Q2', validFrom: '2030-03-01', validTo: '2030-06-30', customerGroupId: group, entries: [{ productId: catalogue['T-VMC']!.id, price: '329000.00' }] },
    });
    expect(forGroup.errors).toBeUndefined();
    groupBook = forGroup.data!.createPriceBook;
  });

  it('prices by group book, then general book, then list price, by the day asked for', async () => {
    const machine = catalogue['T-VMC']!.id;
    expect(await priceOf(machine, '2030-04-01', group)).toMatchObject({ price: '329000.00', standardCost: '268000.00', source: 'GROUP_PRICE_BOOK', priceBook: { name: '集团协议价 2030 Q2' } });
    expect(await priceOf(machine, '2030-04-01')).toMatchObject({ price: '340000.00', source: 'GENERAL_PRICE_BOOK', priceBook: { name: '2030 标准价' } });
    expect(await priceOf(machine, '2030-07-01', group)).toMatchObject({ price: '340000.00', source: 'GENERAL_PRICE_BOOK' });
    expect(await priceOf(catalogue['T-OIL']!.id, '2030-04-01', group)).toMatchObject({ price: '0.10', source: 'GENERAL_PRICE_BOOK' });
    expect(await priceOf(machine, '2031-01-01', group)).toMatchObject({ price: '358000.00', source: 'LIST_PRICE', priceBook: null });
    expect(await priceOf(catalogue['T-LATHE']!.id, '2030-04-01', group)).toMatchObject({ price: '172000.00', source: 'LIST_PRICE' });
  });

  it('answers an unknown product with NOT_FOUND', async () => {
    expect(refusalOf(await call(rep, PRICE, { productId: newId(), on: '2030-04-01' }))).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT', field: 'productId' });
  });

  it.each([
    ['overlapping dates for everyone', { validFrom: '2030-12-01', validTo: '2031-01-31' }, 'OVERLAPPING_PRICE_BOOK'],
    ['overlapping dates for the same group', { validFrom: '2030-06-30', validTo: '2030-09-30', customerGroupId: group }, 'OVERLAPPING_PRICE_BOOK'],
    ['an end before the start', { validFrom: '2031-03-01', validTo: '2031-02-28' }, 'INVALID_VALIDITY'],
    ['a negative price', { validFrom: '2031-01-01', validTo: '2031-12-31', entries: [{ productId: '', price: '-1' }] }, 'NEGATIVE_PRICE'],
    ['a product priced twice', { validFrom: '2031-01-01', validTo: '2031-12-31', entries: [{ productId: '', price: '1.00' }, { productId: '', price: '2.00' }] }, 'DUPLICATE_ENTRY'],
  ])('refuses %s and writes nothing', async (_what, given, reason) => {
    const entries = (given as { entries?: { price: string }[] }).entries?.map((entry) => ({ ...entry, productId: catalogue['T-OIL']!.id }));
    const before = await bookCount();
    const refused = await call(admin, CREATE_BOOK, { input: { name: '不应存在', ...given, ...(entries && { entries }) } });
    expect(refusalOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(await bookCount()).toBe(before);
  });

  it('lets another group have its own book for the same days', async () => {
    const other = await call(admin, CREATE_BOOK, { input: { name: '另一集团', validFrom: '2030-03-01', validTo: '2030-06-30', customerGroupId: newId() } });
    expect(other.errors).toBeUndefined();
  });

  it('keeps the old price for the days before a change, and both versions readable', async () => {
    clock.set('2030-05-09T16:30:00Z'); // 2030-05-10 00:30 in Shanghai
    const changed = await call<{ setPriceBookEntries: BookView }>(admin, SET_ENTRIES, { input: { priceBookId: groupBook.id, entries: [{ productId: catalogue['T-VMC']!.id, price: '325000.00' }] } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.setPriceBookEntries.entries.edges.map((e) => [e.node.price, e.node.validFrom, e.node.recordedBy?.id])).toEqual([
      ['325000.00', '2030-05-10', admin.id],
      ['329000.00', '2030-03-01', admin.id],
    ]);
    const machine = catalogue['T-VMC']!.id;
    expect((await priceOf(machine, '2030-05-09', group)).price).toBe('329000.00');
    expect((await priceOf(machine, '2030-05-10', group)).price).toBe('325000.00');
    const trail = await call<{ priceBookAuditTrail: { edges: { node: { action: string; before: unknown; after: unknown } }[] } }>(
      admin,
      'query ($id: ID!) { priceBookAuditTrail(id: $id) { edges { node { action before after } } } }',
      { id: groupBook.id },
    );
    expect(trail.data!.priceBookAuditTrail.edges[0]!.node).toEqual({
      action: 'price_book.prices_set',
      before: { prices: { [machine]: '329000.00' } },
      after: { validFrom: '2030-05-10', prices: { [machine]: '325000.00' } },
    });
  });

  it('refuses prices for a book that has ended, an unknown product or a bad price, and writes nothing', async () => {
    clock.set('2030-07-01T02:00:00Z');
    const ended = await call(admin, SET_ENTRIES, { input: { priceBookId: groupBook.id, entries: [{ productId: catalogue['T-VMC']!.id, price: '1.00' }] } });
    expect(refusalOf(ended)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALIDITY' });
    const unknown = await call(admin, SET_ENTRIES, { input: { priceBookId: general.id, entries: [{ productId: catalogue['T-OIL']!.id, price: '0.30' }, { productId: newId(), price: '1.00' }] } });
    expect(refusalOf(unknown)).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT', field: 'entries.1.productId' });
    const tooFine = await call(admin, SET_ENTRIES, { input: { priceBookId: general.id, entries: [{ productId: catalogue['T-OIL']!.id, price: '0.305' }] } });
    expect(errorCodes(tooFine)).toEqual(['BAD_USER_INPUT']);
    expect((await priceOf(catalogue['T-OIL']!.id, '2030-07-01')).price).toBe('0.10');
  });

  it('prices many lines in one call, exactly: 0.10 + 0.20 is 0.30, and 15-digit sums keep every fen', async () => {
    const em = system.running.funnel!.orm.em.fork();
    const lines = await pricesFor(em, [
      { productId: catalogue['T-OIL']!.id, on: '2030-04-01' },
      { productId: catalogue['T-TAPE']!.id, customerGroupId: group, on: '2030-04-01' },
      { productId: catalogue['T-VMC']!.id, customerGroupId: group, on: '2030-04-01' },
    ]);
    expect(lines.map((line) => [line.price.toString(), line.source])).toEqual([
      ['0.10', 'GENERAL_PRICE_BOOK'],
      ['0.20', 'GENERAL_PRICE_BOOK'],
      ['329000.00', 'GROUP_PRICE_BOOK'],
    ]);
    expect(Money.sum(lines.slice(0, 2).map((line) => line.price)).toString()).toBe('0.30');
    expect(Money.sum(lines.slice(0, 2).map((line) => line.standardCost)).toString()).toBe('0.13');
    expect(lines[2]!.price.times(999_999_999).plus(lines[0]!.price).toString()).toBe('328999999671000.10');
    await expect(pricesFor(em, [{ productId: catalogue['T-OIL']!.id, on: '2030-04-01' }, { productId: newId(), on: '2030-04-01' }])).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT', field: '1.productId' },
    });
  });
});

import { demoData, type DemoUser } from '@crm/demo-data';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-11's quotes: drafted from an opportunity the rep sees, each line at its book price less a
 * discount rounded once to the fen (or at an agreed price), totals exact to the fen; bad input
 * refused with a stable reason and nothing written; expiry follows the clock, which is moved,
 * never waited for; an accepted quote becomes an order at its net prices, once.
 */
const clock = new ManualClock('2026-12-15T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const rep = person('rep1.east.shanghai.team1');
const manager = person('manager.east.shanghai');
const outsider = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let url: string;

const call = async <T>(user: DemoUser, query: string, variables: Record<string, unknown> = {}) => graphql<T>(url, query, { token: await system.tokenFor(actorOf(user)), variables });
const refusalOf = (response: GraphQLResponse<unknown>) => ({ code: response.errors?.[0]?.extensions?.code, reason: response.errors?.[0]?.extensions?.reason, field: response.errors?.[0]?.extensions?.field });
const funnelRows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await system.running.funnel!.orm.em.fork().getConnection().execute(sql, params)) as T[];

const QUOTE = `id number status validUntil note subtotal discountTotal total orderId opportunity { id } customer { id }
  lines { product { sku } mainLine quantity bookPrice priceSource discountPercent netUnitPrice amount }`;
const CREATE = `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { ${QUOTE} } }`;
const UPDATE = `mutation ($input: UpdateQuoteInput!) { updateQuote(input: $input) { ${QUOTE} } }`;
const SEND = `mutation ($id: ID!) { sendQuote(id: $id) { ${QUOTE} } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectQuote(id: $id, reason: $reason) { ${QUOTE} rejectReason } }`;
const ACCEPT = `mutation ($id: ID!) { acceptQuote(id: $id) { ${QUOTE} } }`;
const READ = `query ($id: ID!) { quote(id: $id) { ${QUOTE} } }`;
const LIST = 'query ($filter: QuoteFilter) { quotes(filter: $filter, first: 100) { edges { node { id status } } } }';
const DOCUMENT = `query ($id: ID!) { quoteDocument(id: $id) { seller buyer { id } number status issueDate validUntil subtotal discountTotal total totalInWords
  lines { lineNo mainLineNo sku productName unit quantity bookPrice discountPercent netUnitPrice amount } } }`;

interface QuoteView {
  id: string;
  number: string;
  status: string;
  validUntil: string;
  subtotal: string;
  discountTotal: string;
  total: string;
  orderId: string | null;
  customer: { id: string };
  lines: { product: { sku: string }; netUnitPrice: string }[];
}

const products: Record<string, string> = {};
let opportunityId: string;
let customerId: string;

async function addProduct(lineId: string, input: Record<string, unknown>): Promise<void> {
  const created = await call<{ createProduct: { id: string } }>(admin, 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }', {
    input: { unit: '台', lineId, kind: 'PRODUCT', ...input },
  });
  expect(created.errors).toBeUndefined();
  products[input.sku as string] = created.data!.createProduct.id;
}

async function opportunityFor(owner: DemoUser, companyName: string): Promise<{ id: string; customer: { id: string } }> {
  const lead = await call<{ createLead: { id: string } }>(owner, 'mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', {
    input: { title: '询价：立式加工中心', source: 'WEB_INQUIRY', companyName, divisionCode: '310106' },
  });
  expect((await call(owner, 'mutation ($id: ID!) { verifyLead(id: $id) { id } }', { id: lead.data!.createLead.id })).errors).toBeUndefined();
  const converted = await call<{ convertLead: { id: string; customer: { id: string } } }>(owner, 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { id customer { id } } }', {
    input: { leadId: lead.data!.createLead.id },
  });
  expect(converted.errors).toBeUndefined();
  return converted.data!.convertLead;
}

const line = (sku: string, terms: Record<string, unknown> = {}) => ({ productId: products[sku], quantity: 1, ...terms });

async function draft(lines: Record<string, unknown>[], extra: Record<string, unknown> = {}): Promise<QuoteView> {
  const created = await call<{ createQuote: QuoteView }>(rep, CREATE, { input: { opportunityId, lines, ...extra } });
  expect(created.errors).toBeUndefined();
  return created.data!.createQuote;
}

const quotesOf = async (user: DemoUser, filter: Record<string, unknown> = { opportunityId }) =>
  (await call<{ quotes: { edges: { node: { id: string; status: string } }[] } }>(user, LIST, { filter })).data!.quotes.edges.map((e) => e.node);

beforeAll(async () => {
  // Only identity's demo people and territories: the quotes here need no demo customers or catalogue.
  system = await startTestSubgraphs([identitySubgraph, funnelSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
  url = system.running.funnel!.url;
  const productLine = await call<{ createProductLine: { id: string } }>(admin, 'mutation ($input: CreateProductLineInput!) { createProductLine(input: $input) { id } }', {
    input: { code: 'Q-数控设备', name: '数控设备（报价测试）' },
  });
  const lineId = productLine.data!.createProductLine.id;
  await addProduct(lineId, { sku: 'Q-VMC', name: '立式加工中心', standardCost: '268000.00', listPrice: '358000.00' });
  await addProduct(lineId, { sku: 'Q-PART', name: '刀柄', unit: '件', standardCost: '20.00', listPrice: '33.33' });
  await addProduct(lineId, { sku: 'Q-LINE', name: '整线改造', unit: '项', standardCost: '1.00', listPrice: '200000000000000.00' });
  await addProduct(lineId, { sku: 'Q-WTY', name: '机床延保 2 年', unit: '份', kind: 'WARRANTY', standardCost: '9800.00', listPrice: '16800.00', attachableToIds: [products['Q-VMC']] });
  const opportunity = await opportunityFor(rep, '上海静安报价测试机械有限公司');
  opportunityId = opportunity.id;
  customerId = opportunity.customer.id;
}, 180_000);

afterAll(async () => system?.stop());

describe('drafting a quote', () => {
  let quote: QuoteView;

  beforeAll(async () => {
    clock.set('2026-12-15T02:00:00Z');
    quote = await draft([line('Q-VMC', { quantity: 2, discountPercent: '5' }), line('Q-WTY', { quantity: 2, mainLine: 0, unitPrice: '15000.00' }), line('Q-PART', { quantity: 3, discountPercent: '10' })], {
      note: '含安装调试',
    });
  });

  it('prices each line from the book less its discount, rounded once per unit to the fen, and totals exactly', () => {
    expect(quote).toMatchObject({ status: 'DRAFT', customer: { id: customerId }, opportunity: { id: opportunityId }, note: '含安装调试', orderId: null });
    expect(quote.number).toMatch(/^QT\d{8}$/);
    expect(quote.lines).toEqual([
      { product: { sku: 'Q-VMC' }, mainLine: null, quantity: 2, bookPrice: '358000.00', priceSource: 'LIST_PRICE', discountPercent: '5.00', netUnitPrice: '340100.00', amount: '680200.00' },
      { product: { sku: 'Q-WTY' }, mainLine: 0, quantity: 2, bookPrice: '16800.00', priceSource: 'LIST_PRICE', discountPercent: '10.71', netUnitPrice: '15000.00', amount: '30000.00' },
      // 33.33 × 0.9 = 29.997 → 30.00 a unit, so 90.00, not 3 × 33.33 × 0.9 = 89.991 → 89.99.
      { product: { sku: 'Q-PART' }, mainLine: null, quantity: 3, bookPrice: '33.33', priceSource: 'LIST_PRICE', discountPercent: '10.00', netUnitPrice: '30.00', amount: '90.00' },
    ]);
    expect(quote).toMatchObject({ subtotal: '749699.99', discountTotal: '39409.99', total: '710290.00' });
  });

  it('is valid for 30 Shanghai calendar days by default', () => {
    expect(quote.validUntil).toBe('2027-01-14');
  });

  it('gives PDF-ready data: products, printed line numbers, totals and the total in capitals', async () => {
    const document = await call<{ quoteDocument: Record<string, unknown> & { lines: unknown[] } }>(rep, DOCUMENT, { id: quote.id });
    expect(document.errors).toBeUndefined();
    expect(document.data!.quoteDocument).toMatchObject({
      seller: expect.any(String),
      buyer: { id: customerId },
      number: quote.number,
      status: 'DRAFT',
      issueDate: '2026-12-15',
      validUntil: '2027-01-14',
      subtotal: '749699.99',
      discountTotal: '39409.99',
      total: '710290.00',
      totalInWords: '柒拾壹万零贰佰玖拾元整',
    });
    expect(document.data!.quoteDocument.lines[1]).toEqual({
      lineNo: 2,
      mainLineNo: 1,
      sku: 'Q-WTY',
      productName: '机床延保 2 年',
      unit: '份',
      quantity: 2,
      bookPrice: '16800.00',
      discountPercent: '10.71',
      netUnitPrice: '15000.00',
      amount: '30000.00',
    });
  });

  it('writes a 15-digit total in capitals exactly', async () => {
    const big = await draft([line('Q-LINE', { unitPrice: '123456789012345.67' })]);
    expect(big).toMatchObject({ subtotal: '200000000000000.00', discountTotal: '76543210987654.33', total: '123456789012345.67' });
    const document = await call<{ quoteDocument: { totalInWords: string } }>(rep, DOCUMENT, { id: big.id });
    expect(document.data!.quoteDocument.totalInWords).toBe('壹佰贰拾叁万肆仟伍佰陆拾柒亿捌仟玖佰零壹万贰仟叁佰肆拾伍元陆角柒分');
  });

  it('is seen as its opportunity is: the owner and their manager, not another region\'s rep', async () => {
    expect((await call<{ quote: QuoteView | null }>(manager, READ, { id: quote.id })).data!.quote).toMatchObject({ number: quote.number });
    expect((await call<{ quote: QuoteView | null }>(outsider, READ, { id: quote.id })).data!.quote).toBeNull();
    expect(await quotesOf(outsider)).toEqual([]);
    expect(refusalOf(await call(outsider, DOCUMENT, { id: quote.id }))).toMatchObject({ code: 'NOT_FOUND', reason: 'QUOTE_NOT_FOUND' });
    expect(refusalOf(await call(outsider, SEND, { id: quote.id }))).toMatchObject({ code: 'NOT_FOUND', reason: 'QUOTE_NOT_FOUND' });
    const onOpportunity = await call<{ opportunity: { quotes: { edges: { node: { id: string } }[] } } }>(rep, 'query ($id: ID!) { opportunity(id: $id) { quotes(first: 100) { edges { node { id } } } } }', {
      id: opportunityId,
    });
    expect(onOpportunity.data!.opportunity.quotes.edges.map((e) => e.node.id)).toContain(quote.id);
  });
});

describe('refusing bad input, with nothing written', () => {
  // Lines are built when the test runs: the products exist only from beforeAll on.
  it.each([
    ['a quantity of 0', () => [line('Q-VMC', { quantity: 0 })], { code: 'BAD_USER_INPUT', reason: 'INVALID_QUANTITY', field: 'lines.0.quantity' }],
    ['a discount of 101 %', () => [line('Q-VMC', { discountPercent: '101' })], { code: 'BAD_USER_INPUT', reason: 'INVALID_DISCOUNT', field: 'lines.0.discountPercent' }],
    ['a discount with 3 decimals', () => [line('Q-VMC', { discountPercent: '12.345' })], { code: 'BAD_USER_INPUT', reason: 'INVALID_DISCOUNT', field: 'lines.0.discountPercent' }],
    ['a discount and a unit price', () => [line('Q-VMC', { discountPercent: '5', unitPrice: '1.00' })], { code: 'BAD_USER_INPUT', reason: 'INVALID_DISCOUNT', field: 'lines.0.discountPercent' }],
    ['a negative unit price', () => [line('Q-VMC', { unitPrice: '-0.01' })], { code: 'BAD_USER_INPUT', reason: 'NEGATIVE_PRICE', field: 'lines.0.unitPrice' }],
    ['an unknown product', () => [line('Q-VMC'), { productId: newId(), quantity: 1 }], { code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT', field: 'lines.1.productId' }],
    ['a warranty sold with nothing', () => [line('Q-WTY', { mainLine: 0 })], { code: 'BAD_USER_INPUT', reason: 'INVALID_ATTACHMENT', field: 'lines.0.mainLine' }],
    ['a warranty sold with a product it does not attach to', () => [line('Q-PART'), line('Q-WTY', { mainLine: 0 })], { code: 'BAD_USER_INPUT', reason: 'INVALID_ATTACHMENT', field: 'lines.1.mainLine' }],
  ])('refuses %s', async (_what, lines, refusal) => {
    const before = await quotesOf(rep);
    expect(refusalOf(await call(rep, CREATE, { input: { opportunityId, lines: lines() } }))).toMatchObject(refusal);
    expect(await quotesOf(rep)).toEqual(before);
  });

  it('refuses a validity that has passed', async () => {
    clock.set('2026-12-15T02:00:00Z');
    const refused = await call(rep, CREATE, { input: { opportunityId, validUntil: '2026-12-14', lines: [line('Q-VMC')] } });
    expect(refusalOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALIDITY', field: 'validUntil' });
  });

  it('answers NOT_FOUND for an opportunity the rep cannot see, as for one that does not exist', async () => {
    const hidden = await call(outsider, CREATE, { input: { opportunityId, lines: [line('Q-VMC')] } });
    const missing = await call(rep, CREATE, { input: { opportunityId: newId(), lines: [line('Q-VMC')] } });
    expect(refusalOf(hidden)).toEqual({ code: 'NOT_FOUND', reason: 'OPPORTUNITY_NOT_FOUND', field: 'opportunityId' });
    expect(refusalOf(missing)).toEqual(refusalOf(hidden));
  });
});

describe('changing, sending and rejecting', () => {
  it('replaces the lines, validity and note of a draft, priced again, and keeps the change in the audit trail', async () => {
    clock.set('2026-12-15T03:00:00Z');
    const quote = await draft([line('Q-VMC')]);
    const updated = await call<{ updateQuote: QuoteView }>(rep, UPDATE, { input: { id: quote.id, validUntil: '2026-12-31', note: '价格含税', lines: [line('Q-PART', { quantity: 3, discountPercent: '12.5' })] } });
    expect(updated.errors).toBeUndefined();
    // 33.33 × 0.875 = 29.16375 → 29.16.
    expect(updated.data!.updateQuote).toMatchObject({ validUntil: '2026-12-31', note: '价格含税', subtotal: '99.99', discountTotal: '12.51', total: '87.48', lines: [{ product: { sku: 'Q-PART' }, discountPercent: '12.50', netUnitPrice: '29.16' }] });
    const trail = await call<{ quoteAuditTrail: { edges: { node: { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> } }[] } }>(
      manager,
      'query ($id: ID!) { quoteAuditTrail(id: $id) { edges { node { action before after } } } }',
      { id: quote.id },
    );
    expect(trail.data!.quoteAuditTrail.edges.map((e) => e.node.action)).toEqual(['quote.updated', 'quote.created']);
    expect(trail.data!.quoteAuditTrail.edges[0]!.node).toMatchObject({ before: { total: '358000.00', validUntil: '2027-01-14' }, after: { total: '87.48', validUntil: '2026-12-31' } });
  });

  it('sends a draft once; a sent quote is no longer changed', async () => {
    const quote = await draft([line('Q-VMC')]);
    expect((await call<{ sendQuote: QuoteView }>(rep, SEND, { id: quote.id })).data!.sendQuote.status).toBe('SENT');
    expect(refusalOf(await call(rep, SEND, { id: quote.id }))).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_NOT_DRAFT' });
    expect(refusalOf(await call(rep, UPDATE, { input: { id: quote.id, note: '改价' } }))).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_NOT_DRAFT' });
  });

  it("gives the opportunity its first sent quote's number, for a stage that requires a quote", async () => {
    const QUOTE_ID = 'query ($id: ID!) { opportunity(id: $id) { quoteId } }';
    const first = (await call<{ sendQuote: { number: string } }>(rep, 'mutation ($id: ID!) { sendQuote(id: $id) { number } }', { id: (await draft([line('Q-VMC')])).id })).data!.sendQuote.number;
    const named = (await call<{ opportunity: { quoteId: string } }>(rep, QUOTE_ID, { id: opportunityId })).data!.opportunity.quoteId;
    expect(named).toMatch(/^QT\d{8}$/);
    expect(named <= first).toBe(true);
    await call(rep, SEND, { id: (await draft([line('Q-VMC')])).id });
    expect((await call<{ opportunity: { quoteId: string } }>(rep, QUOTE_ID, { id: opportunityId })).data!.opportunity.quoteId).toBe(named);
  });

  it('keeps a rejection with its reason; a rejected quote is not accepted', async () => {
    const quote = await draft([line('Q-VMC')]);
    const rejected = await call<{ rejectQuote: QuoteView & { rejectReason: string } }>(rep, REJECT, { id: quote.id, reason: '客户预算不足' });
    expect(rejected.data!.rejectQuote).toMatchObject({ status: 'REJECTED', rejectReason: '客户预算不足' });
    expect(refusalOf(await call(rep, ACCEPT, { id: quote.id }))).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_NOT_OPEN' });
    expect(await quotesOf(rep, { opportunityId, status: 'REJECTED' })).toContainEqual({ id: quote.id, status: 'REJECTED' });
  });
});

describe('expiry', () => {
  it('moves with the clock: an open quote expires after its last valid day in Shanghai, and a draft given a new validity is open again', async () => {
    clock.set('2026-12-16T02:00:00Z');
    const quote = await draft([line('Q-VMC')], { validUntil: '2026-12-20' });
    const statusNow = async () => (await call<{ quote: QuoteView }>(rep, READ, { id: quote.id })).data!.quote.status;

    clock.set('2026-12-20T15:59:59Z'); // 23:59:59 on the 20th in Shanghai
    expect(await statusNow()).toBe('DRAFT');
    clock.set('2026-12-20T16:00:00Z'); // midnight: the 21st in Shanghai
    expect(await statusNow()).toBe('EXPIRED');
    expect(await quotesOf(rep, { opportunityId, status: 'EXPIRED' })).toContainEqual({ id: quote.id, status: 'EXPIRED' });
    expect(await quotesOf(rep, { opportunityId, status: 'DRAFT' })).not.toContainEqual(expect.objectContaining({ id: quote.id }));
    expect(refusalOf(await call(rep, SEND, { id: quote.id }))).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_EXPIRED' });
    expect(refusalOf(await call(rep, ACCEPT, { id: quote.id }))).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_EXPIRED' });

    expect((await call<{ updateQuote: QuoteView }>(rep, UPDATE, { input: { id: quote.id, validUntil: '2026-12-31' } })).data!.updateQuote.status).toBe('DRAFT');
  });
});

describe('accepting', () => {
  beforeAll(() => clock.set('2026-12-17T02:00:00Z'));

  it('leaves the quote open when the order is refused: here the customer has not reached funnel yet', async () => {
    const quote = await draft([line('Q-VMC')]);
    expect(refusalOf(await call(rep, ACCEPT, { id: quote.id }))).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    expect((await call<{ quote: QuoteView }>(rep, READ, { id: quote.id })).data!.quote).toMatchObject({ status: 'DRAFT', orderId: null });
    expect(await funnelRows('select id from sales_order where quote_id = ?', [quote.id])).toEqual([]);
  });

  it('makes a sent quote an order whose lines carry the net prices, once', async () => {
    await funnelRows('insert into customer_owner (customer_id, owner_id) values (?, ?) on conflict do nothing', [customerId, rep.id]);
    const quote = await draft([line('Q-VMC', { quantity: 2, discountPercent: '5' }), line('Q-WTY', { quantity: 2, mainLine: 0, unitPrice: '15000.00' }), line('Q-PART', { quantity: 3, discountPercent: '10' })]);
    expect((await call(rep, SEND, { id: quote.id })).errors).toBeUndefined();
    const accepted = await call<{ acceptQuote: QuoteView }>(rep, ACCEPT, { id: quote.id });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptQuote).toMatchObject({ status: 'ACCEPTED', orderId: expect.any(String) });
    const orderId = accepted.data!.acceptQuote.orderId!;
    const order = await call<{ order: { status: string; amount: string; opportunity: { id: string }; lines: { product: { sku: string }; quantity: number; unitPrice: string; mainLine: { product: { sku: string } } | null }[] } }>(
      rep,
      'query ($id: ID!) { order(id: $id) { status amount opportunity { id } lines { product { sku } quantity unitPrice mainLine { product { sku } } } } }',
      { id: orderId },
    );
    expect(order.errors).toBeUndefined();
    expect(order.data!.order).toEqual({
      status: 'DRAFT',
      amount: '710290.00',
      opportunity: { id: opportunityId },
      lines: [
        { product: { sku: 'Q-VMC' }, quantity: 2, unitPrice: '340100.00', mainLine: null },
        { product: { sku: 'Q-WTY' }, quantity: 2, unitPrice: '15000.00', mainLine: { product: { sku: 'Q-VMC' } } },
        { product: { sku: 'Q-PART' }, quantity: 3, unitPrice: '30.00', mainLine: null },
      ],
    });
    expect(await funnelRows('select quote_id from sales_order where id = ?', [orderId])).toEqual([{ quote_id: quote.id }]);
    expect((await call<{ quote: { order: { id: string } } }>(rep, 'query ($id: ID!) { quote(id: $id) { order { id } } }', { id: quote.id })).data!.quote.order).toEqual({ id: orderId });

    expect(refusalOf(await call(rep, ACCEPT, { id: quote.id }))).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_NOT_OPEN' });
    expect(await funnelRows('select id from sales_order where quote_id = ?', [quote.id])).toHaveLength(1);
  });

  it('accepts a quote accepted twice at once only once: one order, the other CONFLICT', async () => {
    const quote = await draft([line('Q-PART', { quantity: 3, discountPercent: '10' })]);
    const answers = await Promise.all([call(rep, ACCEPT, { id: quote.id }), call(manager, ACCEPT, { id: quote.id })]);
    expect(answers.map((answer) => refusalOf(answer).reason ?? 'ACCEPTED').sort()).toEqual(['ACCEPTED', 'QUOTE_NOT_OPEN']);
    expect(await funnelRows('select amount::text from sales_order where quote_id = ?', [quote.id])).toEqual([{ amount: '90.00' }]);
  });
});

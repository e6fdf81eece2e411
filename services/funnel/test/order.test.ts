import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import { funnelSubgraph } from '../src';

/**
 * FUN-11's orders through funnel's API, on identity's and customers' real events: lines credited
 * per product line (seed 000 §1), the credit check of a customer group (seed 000 §2), the profit
 * forecast at entry (ANA-3), returns, exact money and refused input.
 */
const clock = new ManualClock('2026-12-15T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const manager = person('manager.east.shanghai');
const leader = person('lead.east.shanghai.team1');
const rep1 = person('rep1.east.shanghai.team1');
const rep2 = person('rep2.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
let system: TestSubgraphs;

type Subgraph = 'identity' | 'customers' | 'funnel';
type Result<T> = { data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] };

async function send<T>(subgraph: Subgraph, user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> {
  return (await graphql<T>(system.running[subgraph]!.url, query, { token: await system.tokenFor(actorOf(user)), variables })) as Result<T>;
}

async function call<T>(subgraph: Subgraph, user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await send<T>(subgraph, user, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const funnelRows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await system.running.funnel!.orm.em.fork().getConnection().execute(sql, params)) as T[];
const writtenCounts = () => funnelRows<{ orders: number; lines: number; outbox: number }>('select (select count(*)::int from sales_order) as orders, (select count(*)::int from sales_order_line) as lines, (select count(*)::int from outbox_message) as outbox');

const LINE = 'id productLine quantity returnedQuantity unitPrice bookPrice priceSource amount unitCost cost margin marginRate attribution rep { id } product { id } mainLine { id }';
const ORDER = `id number status amount cost margin marginRate returnedAmount paidAmount openAmount dueOn placedOn customer { id } shipTo { id } billTo { id } lines { ${LINE} } creditCheck { withinLimits orderAmount limits { scope party { id } limit exposure exposureAfter exceeded } }`;
const CREATE_ORDER = `mutation ($input: OrderInput!) { createOrder(input: $input) { ${ORDER} } }`;
const PREVIEW = `query ($input: OrderInput!) { previewOrder(input: $input) { amount cost margin marginRate billTo { id } lines { productLine amount cost margin marginRate attribution rep { id } } creditCheck { withinLimits limits { scope limit exposure exposureAfter exceeded } } } }`;

interface LineView {
  id: string;
  productLine: string;
  quantity: number;
  amount: string;
  cost: string;
  margin: string;
  marginRate: string | null;
  attribution: string;
  rep: { id: string };
  product: { id: string };
  mainLine: { id: string } | null;
}

interface OrderView {
  id: string;
  number: string;
  status: string;
  amount: string;
  cost: string;
  margin: string;
  marginRate: string | null;
  returnedAmount: string;
  openAmount: string;
  dueOn: string | null;
  placedOn: string | null;
  billTo: { id: string };
  shipTo: { id: string };
  lines: LineView[];
  creditCheck: { withinLimits: boolean; limits: { scope: string; limit: string | null; exposure: string; exposureAfter: string; exceeded: boolean }[] } | null;
}

const products: Record<'cnc' | 'meter' | 'warranty' | 'dime' | 'twoDimes', string> = { cnc: '', meter: '', warranty: '', dime: '', twoDimes: '' };

async function defineCatalogue(): Promise<void> {
  const line = async (code: string) => (await call<{ createProductLine: { id: string } }>('funnel', admin, 'mutation ($input: CreateProductLineInput!) { createProductLine(input: $input) { id } }', { input: { code, name: code } })).createProductLine.id;
  const product = async (input: Record<string, unknown>) =>
    (await call<{ createProduct: { id: string } }>('funnel', admin, 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }', { input: { unit: '台', kind: 'PRODUCT', ...input } })).createProduct.id;
  const cncLine = await line('数控机床');
  const meterLine = await line('智能电表');
  products.cnc = await product({ sku: 'CNC-500', name: '五轴加工中心', lineId: cncLine, standardCost: '60000.00', listPrice: '100000.00' });
  products.meter = await product({ sku: 'MTR-1', name: '智能电表', lineId: meterLine, standardCost: '300.00', listPrice: '500.00' });
  products.warranty = await product({ sku: 'CNC-500-EW3', name: '三年延保', lineId: meterLine, kind: 'WARRANTY', standardCost: '1000.00', listPrice: '5000.00', attachableToIds: [products.cnc] });
  products.dime = await product({ sku: 'BOLT-M3', name: '螺栓 M3', lineId: meterLine, standardCost: '0.05', listPrice: '0.10' });
  products.twoDimes = await product({ sku: 'BOLT-M4', name: '螺栓 M4', lineId: meterLine, standardCost: '0.05', listPrice: '0.20' });
}

const createCustomer = async (user: DemoUser, name: string) =>
  (await call<{ createCustomer: { id: string } }>('customers', user, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', { input: { name, kind: 'COMPANY' } })).createCustomer.id;

let teamId: string;
let shared: string;

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
  await defineCatalogue();
  teamId = (
    await call<{ createSalesTeam: { id: string } }>('identity', manager, 'mutation ($input: CreateSalesTeamInput!) { createSalesTeam(input: $input) { id } }', {
      input: { name: '上海重点客户组', leaderId: leader.id, memberIds: [rep1.id, rep2.id] },
    })
  ).createSalesTeam.id;
  const assign = (productLine: string, userId: string) => call('identity', leader, 'mutation ($input: AssignProductLineInput!) { assignProductLine(input: $input) { id } }', { input: { teamId, productLine, userId } });
  await assign('数控机床', rep1.id);
  await assign('智能电表', rep2.id);
  shared = await createCustomer(rep1, '上海精工机械有限公司');
  await call('customers', manager, 'mutation ($input: SetCustomerSalesTeamInput!) { setCustomerSalesTeam(input: $input) { id } }', { input: { customerId: shared, salesTeamId: teamId } });
  await system.settled();
}, 240_000);

afterAll(async () => system?.stop());

const sharedOrder = () => ({
  customerId: shared,
  lines: [
    { productId: products.cnc, quantity: 2 },
    { productId: products.meter, quantity: 10 },
    { productId: products.warranty, quantity: 1, mainLine: 0 },
  ],
});

describe('seed 000 §1: a customer a team shares, credited line by line', () => {
  let order: OrderView;

  it('forecasts the margin before anything is saved (ANA-3)', async () => {
    const before = await writtenCounts();
    const { previewOrder } = await call<{ previewOrder: { amount: string; cost: string; margin: string; marginRate: string; lines: { productLine: string; margin: string; attribution: string; rep: { id: string } }[] } }>('funnel', rep1, PREVIEW, { input: sharedOrder() });
    expect(previewOrder).toMatchObject({ amount: '210000.00', cost: '124000.00', margin: '86000.00', marginRate: '0.4095' });
    expect(previewOrder.lines.map((line) => [line.margin, line.attribution, line.rep.id])).toEqual([
      ['80000.00', 'PRODUCT_LINE_MAP', rep1.id],
      ['2000.00', 'PRODUCT_LINE_MAP', rep2.id],
      ['4000.00', 'MAIN_PRODUCT', rep1.id],
    ]);
    expect(await writtenCounts()).toEqual(before);
  });

  it('credits each line to the rep the map names, the warranty with its machine (seed 000 §3)', async () => {
    order = (await call<{ createOrder: OrderView }>('funnel', rep1, CREATE_ORDER, { input: { ...sharedOrder(), place: true } })).createOrder;
    expect(order).toMatchObject({ status: 'PLACED', amount: '210000.00', cost: '124000.00', openAmount: '210000.00', placedOn: '2026-12-15', dueOn: '2027-01-14' });
    expect(order.number).toMatch(/^SO\d{8}$/);
    expect(order.lines.map((line) => line.rep.id)).toEqual([rep1.id, rep2.id, rep1.id]);
    expect(order.lines[2]!.mainLine).toEqual({ id: order.lines[0]!.id });
    const [placed] = await funnelRows<{ payload: { lines: { lineId: string; repId: string; amount: string }[] } }>("select envelope -> 'payload' as payload from outbox_message where envelope ->> 'type' = ? and envelope ->> 'key' = ?", [Events.OrderPlaced, order.id]);
    expect(placed!.payload.lines.map((line) => [line.repId, line.amount])).toEqual([
      [rep1.id, '200000.00'],
      [rep2.id, '5000.00'],
      [rep1.id, '5000.00'],
    ]);
  });

  it('lets the leader move a line, and the warranty and the credit follow', async () => {
    const REASSIGN = 'mutation ($input: ReassignOrderLineInput!) { reassignOrderLine(input: $input) { id rep { id } attribution } }';
    const input = { lineId: order.lines[0]!.id, repId: rep2.id };
    const byRep = await send('funnel', rep1, REASSIGN, { input });
    expect(byRep.errors![0]!.extensions.code).toBe('FORBIDDEN');

    const moved = await call<{ reassignOrderLine: { rep: { id: string }; attribution: string } }>('funnel', leader, REASSIGN, { input });
    expect(moved.reassignOrderLine).toMatchObject({ rep: { id: rep2.id }, attribution: 'REASSIGNED' });
    const { order: after } = await call<{ order: OrderView }>('funnel', rep2, `query ($id: ID!) { order(id: $id) { ${ORDER} } }`, { id: order.id });
    expect(after.lines.map((line) => [line.rep.id, line.attribution])).toEqual([
      [rep2.id, 'REASSIGNED'],
      [rep2.id, 'PRODUCT_LINE_MAP'],
      [rep2.id, 'MAIN_PRODUCT'],
    ]);
    const announced = await funnelRows<{ payload: { lineId: string; previousRepId: string; repId: string; amount: string } }>("select envelope -> 'payload' as payload from outbox_message where envelope ->> 'type' = ? and envelope ->> 'key' = ? order by id", [Events.OrderLineAttributed, order.id]);
    expect(announced.map(({ payload }) => [payload.lineId, payload.previousRepId, payload.repId, payload.amount])).toEqual([
      [order.lines[0]!.id, rep1.id, rep2.id, '200000.00'],
      [order.lines[2]!.id, rep1.id, rep2.id, '5000.00'],
    ]);

    const outsideTeam = await send('funnel', leader, REASSIGN, { input: { lineId: order.lines[1]!.id, repId: outsider.id } });
    expect(outsideTeam.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_TEAM_MEMBER' });
  });

  it('returns one line: exactly its revenue, margin and exposure come off', async () => {
    const RETURN = 'mutation ($input: ReturnOrderLinesInput!) { returnOrderLines(input: $input) { amount cost refundDue } }';
    const early = await send('funnel', rep1, RETURN, { input: { orderId: order.id, reason: '质量问题', lines: [{ lineId: order.lines[1]!.id, quantity: 4 }] } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_STATUS' });
    await call('funnel', rep1, 'mutation ($id: ID!) { shipOrder(id: $id) { status } }', { id: order.id });

    const tooMany = await send('funnel', rep1, RETURN, { input: { orderId: order.id, reason: '质量问题', lines: [{ lineId: order.lines[1]!.id, quantity: 11 }] } });
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_QUANTITY' });
    const returned = await call<{ returnOrderLines: { amount: string; cost: string; refundDue: string } }>('funnel', rep1, RETURN, { input: { orderId: order.id, reason: '质量问题', lines: [{ lineId: order.lines[1]!.id, quantity: 4 }] } });
    expect(returned.returnOrderLines).toEqual({ amount: '2000.00', cost: '1200.00', refundDue: '0.00' });

    const { order: after } = await call<{ order: OrderView }>('funnel', rep1, `query ($id: ID!) { order(id: $id) { ${ORDER} } }`, { id: order.id });
    expect(after).toMatchObject({ amount: '210000.00', returnedAmount: '2000.00', margin: '85200.00', openAmount: '208000.00' });
    expect(after.lines.map((line) => line.margin)).toEqual(['80000.00', '1200.00', '4000.00']);
    const { _entities } = await call<{ _entities: { credit: { limits: { exposure: string }[] } }[] }>('funnel', rep1, 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { credit { limits { exposure } } } } }', {
      reps: [{ __typename: 'Customer', id: shared }],
    });
    expect(_entities[0]!.credit.limits.map((limit) => limit.exposure)).toEqual(['208000.00', '208000.00']);
    const hidden = await call<{ _entities: { credit: unknown }[] }>('funnel', outsider, 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { credit { withinLimits } } } }', {
      reps: [{ __typename: 'Customer', id: shared }],
    });
    expect(hidden._entities).toEqual([{ credit: null }]);
    const [event] = await funnelRows<{ payload: { amount: string; cost: string; lines: { lineId: string; quantity: number; repId: string }[] } }>("select envelope -> 'payload' as payload from outbox_message where envelope ->> 'type' = ? and envelope ->> 'key' = ?", [Events.OrderReturned, order.id]);
    expect(event!.payload).toMatchObject({ amount: '2000.00', cost: '1200.00', lines: [{ lineId: order.lines[1]!.id, quantity: 4, repId: rep2.id }] });
  });
});

describe("seed 000 §2: a group's credit", () => {
  const ids = { hq: '', branch: '' };

  beforeAll(async () => {
    ids.hq = await createCustomer(admin, '卓远集团有限公司');
    ids.branch = await createCustomer(admin, '卓远集团上海分公司');
    await call('customers', admin, 'mutation ($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { id } }', { input: { customerId: ids.branch, parentId: ids.hq } });
    await call('customers', admin, 'mutation ($input: SetCustomerOrderDefaultsInput!) { setCustomerOrderDefaults(input: $input) { id } }', { input: { customerId: ids.branch, orderingPartyId: ids.branch, shipToId: ids.branch, billToId: ids.hq } });
    const limit = (customerId: string, scope: string, amount: string) => call('customers', admin, 'mutation ($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { id } }', { input: { customerId, scope, limit: amount } });
    await limit(ids.hq, 'GROUP', '1000.00');
    await limit(ids.branch, 'CUSTOMER', '800.00');
    await system.settled();
  });

  it("bills a branch's order to its HQ by default", async () => {
    const { createOrder } = await call<{ createOrder: OrderView }>('funnel', admin, CREATE_ORDER, { input: { customerId: ids.branch, lines: [{ productId: products.meter, quantity: 1, unitPrice: '600.00' }], place: true } });
    expect(createOrder).toMatchObject({ status: 'PLACED', shipTo: { id: ids.branch }, billTo: { id: ids.hq }, openAmount: '600.00' });
  });

  it("refuses, with the figures, an order the branch's own limit allows but the group's does not; nothing is written", async () => {
    const before = await writtenCounts();
    const input = { customerId: ids.branch, billToId: ids.branch, lines: [{ productId: products.meter, quantity: 1 }], place: true };
    const refused = await send('funnel', admin, CREATE_ORDER, { input });
    expect(refused.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'CREDIT_LIMIT_EXCEEDED',
      orderAmount: '500.00',
      limits: [{ scope: 'GROUP', partyId: ids.hq, limit: '1000.00', exposure: '600.00', exposureAfter: '1100.00', exceeded: true }],
    });
    expect(await writtenCounts()).toEqual(before);

    const { previewOrder } = await call<{ previewOrder: { creditCheck: { withinLimits: boolean; limits: { scope: string; exceeded: boolean; exposure: string }[] } } }>('funnel', admin, PREVIEW, { input });
    expect(previewOrder.creditCheck).toEqual({
      withinLimits: false,
      limits: [
        { scope: 'CUSTOMER', limit: '800.00', exposure: '0.00', exposureAfter: '500.00', exceeded: false },
        { scope: 'GROUP', limit: '1000.00', exposure: '600.00', exposureAfter: '1100.00', exceeded: true },
      ],
    });
  });

  it('holds it for a manager instead when the policy says HOLD, and the approval places it, audited', async () => {
    const SET_POLICY = 'mutation ($overLimit: CreditOverLimitAction!) { setCreditPolicy(overLimit: $overLimit) { overLimit } }';
    expect((await send('funnel', manager, SET_POLICY, { overLimit: 'HOLD' })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    await call('funnel', admin, SET_POLICY, { overLimit: 'HOLD' });
    try {
      const { createOrder: held } = await call<{ createOrder: OrderView }>('funnel', admin, CREATE_ORDER, { input: { customerId: ids.branch, billToId: ids.branch, lines: [{ productId: products.meter, quantity: 1 }], place: true } });
      expect(held).toMatchObject({ status: 'CREDIT_HOLD', openAmount: '0.00' });
      const APPROVE = 'mutation ($id: ID!) { approveOrderCredit(id: $id, note: "集团承诺月底回款") { status openAmount } }';
      expect((await send('funnel', rep1, APPROVE, { id: held.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
      const approved = await call<{ approveOrderCredit: { status: string; openAmount: string } }>('funnel', admin, APPROVE, { id: held.id });
      expect(approved.approveOrderCredit).toEqual({ status: 'PLACED', openAmount: '500.00' });
      const trail = await call<{ orderAuditTrail: { edges: { node: { action: string } }[] } }>('funnel', admin, 'query ($id: ID!) { orderAuditTrail(id: $id) { edges { node { action } } } }', { id: held.id });
      expect(trail.orderAuditTrail.edges.map((edge) => edge.node.action)).toEqual(['order.placed', 'order.credit_approved', 'order.credit_held', 'order.created']);
    } finally {
      await call('funnel', admin, SET_POLICY, { overLimit: 'REFUSE' });
    }
  });
});

describe('money never passes through a float', () => {
  it('adds 0.10 and 0.20 to 0.30 and keeps 15-digit totals exact', async () => {
    const customerId = await createCustomer(rep1, '上海紧固件贸易有限公司');
    await system.settled();
    const { createOrder: small } = await call<{ createOrder: OrderView }>('funnel', rep1, CREATE_ORDER, { input: { customerId, lines: [{ productId: products.dime, quantity: 1 }, { productId: products.twoDimes, quantity: 1 }] } });
    expect(small).toMatchObject({ status: 'DRAFT', amount: '0.30', cost: '0.10', margin: '0.20', marginRate: '0.6667' });
    const { createOrder: large } = await call<{ createOrder: OrderView }>('funnel', rep1, CREATE_ORDER, {
      input: { customerId, lines: [{ productId: products.cnc, quantity: 3, unitPrice: '33333333333333.33' }, { productId: products.dime, quantity: 1, unitPrice: '0.01' }] },
    });
    expect(large.amount).toBe('100000000000000.00');
    expect(large.lines.map((line) => line.amount)).toEqual(['99999999999999.99', '0.01']);
  });
});

describe('bad input is refused with a coded error and nothing written', () => {
  const refusal = async (user: DemoUser, lines: Record<string, unknown>[], customerId = shared) => {
    const before = await writtenCounts();
    const response = await send('funnel', user, CREATE_ORDER, { input: { customerId, lines, place: true } });
    expect(await writtenCounts()).toEqual(before);
    return response.errors![0]!.extensions;
  };

  it('names the field and the reason', async () => {
    expect(await refusal(rep1, [{ productId: products.meter, quantity: 1, unitPrice: '-1' }])).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NEGATIVE_PRICE', field: 'lines.0.unitPrice' });
    expect(await refusal(rep1, [{ productId: products.meter, quantity: 0 }])).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_QUANTITY', field: 'lines.0.quantity' });
    expect(await refusal(rep1, [{ productId: '0190d5a4-0000-7000-8000-000000000000', quantity: 1 }])).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PRODUCT', field: 'lines.0.productId' });
    expect(await refusal(outsider, [{ productId: products.meter, quantity: 1 }])).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    expect(await refusal(rep1, [{ productId: products.meter, quantity: 1 }, { productId: products.warranty, quantity: 1, mainLine: 0 }])).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ATTACHMENT' });
  });
});

import { customersSubgraph } from '@crm/customers';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events, type EventEnvelope } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { createScope, ManualClock, type Actor } from '@crm/platform';
import { graphql, startTestSubgraphs, type GraphQLResponse, type TestSubgraphs } from '@crm/testing';
import type { EntityManager } from '@mikro-orm/core';
import { funnelSubgraph } from '../src';
import { createOrder, Order } from '../src/modules/order';

/**
 * FUN-11 payments and CUS-4 receivables, FUN-2 first paid: a payment from a settlement party
 * settles the orders billed to it (oldest first, or as chosen, the rest on account), money stays
 * exact, bad input writes nothing, and the first fully paid order makes its customer a new
 * customer on the day it was paid. Days move with the clock, never the wall clock.
 */
const clock = new ManualClock('2026-12-01T02:00:00Z');
const demo = demoData();
const person = (handle: string): DemoUser => demo.users.find((p) => p.email === `${handle}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });
const admin = person('admin');
const manager = person('manager.east.shanghai');
const rep = person('rep1.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');
let system: TestSubgraphs;
let productId: string;

const funnelEm = (): EntityManager => system.running.funnel!.orm.em.fork();
/** Shanghai 10:00 on the day. */
const setToday = (day: string) => clock.set(`${day}T02:00:00Z`);

async function call<T>(subgraph: 'customers' | 'funnel', user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  return graphql<T>(system.running[subgraph]!.url, query, { token: await system.tokenFor(actorOf(user)), variables });
}

async function succeed<T>(subgraph: 'customers' | 'funnel', user: DemoUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await call<T>(subgraph, user, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const refusalOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions;

async function newCustomer(name: string, parentId?: string): Promise<string> {
  const { createCustomer } = await succeed<{ createCustomer: { id: string } }>('customers', rep, 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', { input: { name, kind: 'COMPANY' } });
  if (parentId) await succeed('customers', admin, 'mutation ($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { id } }', { input: { customerId: createCustomer.id, parentId } });
  return createCustomer.id;
}

async function billTo(customerId: string, billToId: string): Promise<void> {
  await succeed('customers', admin, 'mutation ($input: SetCustomerOrderDefaultsInput!) { setCustomerOrderDefaults(input: $input) { id } }', {
    input: { customerId, orderingPartyId: customerId, shipToId: customerId, billToId },
  });
}

/** A placed order of one line at an agreed price, placed on `day` and due `termDays` later. */
async function placedOrder(customerId: string, amount: string, day: string, termDays = 30): Promise<Order> {
  setToday(day);
  const scope = createScope({ subgraph: 'funnel', em: funnelEm(), actor: actorOf(rep), clock });
  return createOrder(scope, { customerId, paymentTermDays: termDays, lines: [{ productId, quantity: 1, unitPrice: amount }], place: true });
}

const orderNow = (id: string) => funnelEm().findOneOrFail(Order, { id });
const moneyOf = (order: Order) => ({ paidAmount: order.paidAmount.toString(), openAmount: order.openAmount.toString(), fullyPaidOn: order.fullyPaidOn });

const PAYMENT = 'id payer { id } amount receivedOn method reference unapplied recordedBy { id } allocations(first: 100) { edges { node { amount order { id } } } }';
const RECORD = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { ${PAYMENT} } }`;

interface PaymentView {
  id: string;
  amount: string;
  receivedOn: string;
  unapplied: string;
  allocations: { edges: { node: { amount: string; order: { id: string } } }[] };
}

const allocationsOf = (payment: PaymentView) => payment.allocations.edges.map((edge) => ({ orderId: edge.node.order.id, amount: edge.node.amount })).reverse();
const record = (input: Record<string, unknown>, user: DemoUser = manager) => call<{ recordPayment: PaymentView }>('funnel', user, RECORD, { input: { method: 'BANK_TRANSFER', ...input } });

async function recorded(input: Record<string, unknown>): Promise<PaymentView> {
  const response = await record(input);
  expect(response.errors).toBeUndefined();
  return response.data!.recordPayment;
}

async function outbox<T>(type: string, key: string): Promise<T[]> {
  const rows = (await funnelEm().getConnection().execute("select envelope from outbox_message where envelope ->> 'type' = ? and envelope ->> 'key' = ? order by id", [type, key])) as { envelope: EventEnvelope }[];
  return rows.map((row) => row.envelope.payload as T);
}

/** Everything a refused payment could have written. */
async function writtenRows(): Promise<number[]> {
  const [row] = (await funnelEm()
    .getConnection()
    .execute('select (select count(*) from payment)::int as p, (select count(*) from payment_allocation)::int as a, (select count(*) from outbox_message)::int as o, (select count(*) from audit_entry)::int as e')) as Record<string, number>[];
  return Object.values(row!);
}

const CUSTOMER = 'lifecycle newCustomerOn receivables { own { openAmount overdueAmount openOrderCount oldestDaysOutstanding averageDaysOutstanding onAccount } }';

async function customerView(id: string, user: DemoUser = manager) {
  const data = await succeed<{ _entities: Record<string, unknown>[] }>('funnel', user, `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { ${CUSTOMER} } } }`, {
    reps: [{ __typename: 'Customer', id }],
  });
  return data._entities[0]!;
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph, funnelSubgraph], { clock });
  await identitySubgraph.seedDemoData!(system.running.identity!.systemScope());
  await system.settled();
  const line = await succeed<{ createProductLine: { id: string } }>('funnel', admin, 'mutation ($input: CreateProductLineInput!) { createProductLine(input: $input) { id } }', { input: { code: 'P-设备', name: '设备（付款测试）' } });
  const product = await succeed<{ createProduct: { id: string } }>('funnel', admin, 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }', {
    input: { sku: 'P-VMC', name: '立式加工中心', unit: '台', lineId: line.createProductLine.id, kind: 'PRODUCT', standardCost: '0.00', listPrice: '1.00' },
  });
  productId = product.createProduct.id;
}, 240_000);

afterAll(async () => system?.stop());

describe('applying a payment to the orders billed to its payer', () => {
  it('settles the order due first, then the next, without allocations', async () => {
    const payer = await newCustomer('海天精工机械有限公司');
    await system.settled();
    const dueLater = await placedOrder(payer, '1000.00', '2026-11-01', 30);
    const dueFirst = await placedOrder(payer, '500.00', '2026-11-05', 10);
    setToday('2026-12-01');

    const payment = await recorded({ payerId: payer, amount: '800.00', receivedOn: '2026-11-30', reference: '工行回单 0098' });

    expect(payment).toMatchObject({ amount: '800.00', receivedOn: '2026-11-30', unapplied: '0.00' });
    expect(allocationsOf(payment)).toEqual([
      { orderId: dueFirst.id, amount: '500.00' },
      { orderId: dueLater.id, amount: '300.00' },
    ]);
    expect(moneyOf(await orderNow(dueFirst.id))).toEqual({ paidAmount: '500.00', openAmount: '0.00', fullyPaidOn: '2026-11-30' });
    expect(moneyOf(await orderNow(dueLater.id))).toEqual({ paidAmount: '300.00', openAmount: '700.00', fullyPaidOn: null });
    expect(await outbox(Events.PaymentReceived, payer)).toEqual([
      {
        paymentId: payment.id,
        payerId: payer,
        amount: '800.00',
        receivedOn: '2026-11-30',
        allocations: [
          { orderId: dueFirst.id, customerId: payer, amount: '500.00' },
          { orderId: dueLater.id, customerId: payer, amount: '300.00' },
        ],
        unapplied: '0.00',
      },
    ]);
  });

  it("lets an HQ pay its branch's order billed to it, making the branch a new customer (seed 000 §2)", async () => {
    const hq = await newCustomer('卓远集团有限公司');
    const branch = await newCustomer('卓远集团上海分公司', hq);
    await billTo(branch, hq);
    await system.settled();
    const order = await placedOrder(branch, '26800.00', '2026-12-01');
    expect(order.billToId).toBe(hq);

    const payment = await recorded({ payerId: hq, amount: '26800.00' });

    expect(allocationsOf(payment)).toEqual([{ orderId: order.id, amount: '26800.00' }]);
    expect(moneyOf(await orderNow(order.id))).toEqual({ paidAmount: '26800.00', openAmount: '0.00', fullyPaidOn: '2026-12-01' });
    expect(await customerView(branch)).toMatchObject({ lifecycle: 'ACTIVE', newCustomerOn: '2026-12-01' });
    expect(await customerView(hq)).toMatchObject({ lifecycle: 'PROSPECT', newCustomerOn: null });
    const { payments } = await succeed<{ payments: { edges: { node: { id: string } }[] } }>('funnel', manager, 'query ($payer: ID) { payments(filter: { payerId: $payer }) { edges { node { id } } } }', { payer: hq });
    expect(payments.edges.map((edge) => edge.node.id)).toEqual([payment.id]);
  });

  it('refuses more than the payer owes without an allocation choice, and writes nothing', async () => {
    const payer = await newCustomer('宁波精达成形装备有限公司');
    await system.settled();
    const order = await placedOrder(payer, '1000.00', '2026-12-01');
    const before = await writtenRows();

    const refused = await record({ payerId: payer, amount: '1000.01' });

    expect(refusalOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENT_EXCEEDS_OPEN_AMOUNT', amount: '1000.01', openAmount: '1000.00', excess: '0.01' });
    expect(refused.errors![0]!.message).toMatch(/allocations/);
    expect(await writtenRows()).toEqual(before);
    expect(moneyOf(await orderNow(order.id))).toEqual({ paidAmount: '0.00', openAmount: '1000.00', fullyPaidOn: null });
  });

  it('applies exactly the allocations chosen and keeps the rest on account', async () => {
    const payer = await newCustomer('杭州友佳精密机械有限公司');
    await system.settled();
    const first = await placedOrder(payer, '100.00', '2026-12-01');
    const second = await placedOrder(payer, '100.00', '2026-12-01');

    const payment = await recorded({ payerId: payer, amount: '150.00', allocations: [{ orderId: second.id, amount: '60.00' }] });
    const onAccount = await recorded({ payerId: payer, amount: '20.00', method: 'ACCEPTANCE_BILL', allocations: [] });

    expect(payment).toMatchObject({ amount: '150.00', unapplied: '90.00' });
    expect(allocationsOf(payment)).toEqual([{ orderId: second.id, amount: '60.00' }]);
    expect(onAccount).toMatchObject({ unapplied: '20.00', allocations: { edges: [] } });
    expect(moneyOf(await orderNow(first.id))).toMatchObject({ openAmount: '100.00' });
    expect(moneyOf(await orderNow(second.id))).toMatchObject({ paidAmount: '60.00', openAmount: '40.00' });
    expect((await customerView(payer)).receivables).toEqual({
      own: { openAmount: '140.00', overdueAmount: '0.00', openOrderCount: 2, oldestDaysOutstanding: 0, averageDaysOutstanding: 0, onAccount: '110.00' },
    });
  });

  it('never loses an update when two payments settle the same order at once', async () => {
    const payer = await newCustomer('济南二机床集团有限公司');
    await system.settled();
    const order = await placedOrder(payer, '100.00', '2026-12-01');

    const results = await Promise.all([record({ payerId: payer, amount: '60.00' }), record({ payerId: payer, amount: '60.00' })]);

    expect(results.map((result) => refusalOf(result)?.reason ?? 'RECORDED').sort()).toEqual(['PAYMENT_EXCEEDS_OPEN_AMOUNT', 'RECORDED']);
    expect(moneyOf(await orderNow(order.id))).toEqual({ paidAmount: '60.00', openAmount: '40.00', fullyPaidOn: null });
  });

  it('resolves a payment by id for whoever sees its payer, as the timeline refers to it', async () => {
    const payer = await newCustomer('北京精雕科技集团有限公司');
    await system.settled();
    await placedOrder(payer, '10.00', '2026-12-01');
    const payment = await recorded({ payerId: payer, amount: '10.00', method: 'CHEQUE' });
    const QUERY = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Payment { id amount method payer { id } } } }';
    const reps = [{ __typename: 'Payment', id: payment.id }];

    expect((await succeed<{ _entities: unknown[] }>('funnel', manager, QUERY, { reps }))._entities).toEqual([{ id: payment.id, amount: '10.00', method: 'CHEQUE', payer: { id: payer } }]);
    expect((await succeed<{ _entities: unknown[] }>('funnel', outsider, QUERY, { reps }))._entities).toEqual([null]);
    expect((await customerView(payer, outsider)).receivables).toBeNull();
  });

  describe('refuses bad input with a coded error and writes nothing', () => {
    let payer: string;
    let order: Order;
    let othersOrder: Order;

    beforeAll(async () => {
      payer = await newCustomer('大连机床集团有限责任公司');
      const other = await newCustomer('沈阳机床股份有限公司');
      await system.settled();
      order = await placedOrder(payer, '100.00', '2026-12-01');
      othersOrder = await placedOrder(other, '100.00', '2026-12-01');
    });

    it.each([
      ['an allocation over what the order owes', () => ({ amount: '200.00', allocations: [{ orderId: order.id, amount: '100.01' }] }), 'ALLOCATION_EXCEEDS_OPEN', 'allocations.0.amount'],
      ['an order billed to someone else', () => ({ amount: '50.00', allocations: [{ orderId: othersOrder.id, amount: '50.00' }] }), 'INVALID_ALLOCATION', 'allocations.0.orderId'],
      ['an order given twice', () => ({ amount: '50.00', allocations: [{ orderId: order.id, amount: '10.00' }, { orderId: order.id, amount: '10.00' }] }), 'INVALID_ALLOCATION', 'allocations.1.orderId'],
      ['allocations adding up to more than the payment', () => ({ amount: '50.00', allocations: [{ orderId: order.id, amount: '50.01' }] }), 'ALLOCATIONS_EXCEED_PAYMENT', 'allocations'],
      ['an amount of nothing', () => ({ amount: '0.00' }), 'INVALID_AMOUNT', 'amount'],
      ['a negative allocation', () => ({ amount: '50.00', allocations: [{ orderId: order.id, amount: '-1.00' }] }), 'INVALID_AMOUNT', 'allocations.0.amount'],
      ['a day still to come', () => ({ amount: '50.00', receivedOn: '2026-12-02' }), 'INVALID_DATE', 'receivedOn'],
    ])('%s', async (_case, input, reason, field) => {
      const before = await writtenRows();
      expect(refusalOf(await record({ payerId: payer, ...input() }))).toMatchObject({ code: 'BAD_USER_INPUT', reason, field });
      expect(await writtenRows()).toEqual(before);
      expect(moneyOf(await orderNow(order.id))).toMatchObject({ openAmount: '100.00' });
    });

    it('refuses a NUL byte, a rep (who is paid on new customers), and a payer the actor cannot see', async () => {
      const before = await writtenRows();
      expect(refusalOf(await record({ payerId: payer, amount: '1.00', reference: 'a\u0000b' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(refusalOf(await record({ payerId: payer, amount: '1.00' }, rep))).toMatchObject({ code: 'FORBIDDEN' });
      expect(refusalOf(await record({ payerId: payer, amount: '1.00' }, outsider))).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
      expect(refusalOf(await call('funnel', outsider, 'query ($id: ID!) { receivables(customerId: $id) { own { openAmount } } }', { id: payer }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await writtenRows()).toEqual(before);
    });
  });
});

describe('money never passes through a float', () => {
  it('settles 0.10 + 0.20 with exactly 0.30', async () => {
    const payer = await newCustomer('苏州电器附件厂');
    await system.settled();
    const dime = await placedOrder(payer, '0.10', '2026-12-01');
    const twenty = await placedOrder(payer, '0.20', '2026-12-01');

    const payment = await recorded({ payerId: payer, amount: '0.30' });

    expect(payment.unapplied).toBe('0.00');
    expect(moneyOf(await orderNow(dime.id))).toMatchObject({ paidAmount: '0.10', openAmount: '0.00' });
    expect(moneyOf(await orderNow(twenty.id))).toMatchObject({ paidAmount: '0.20', openAmount: '0.00' });
  });

  it('keeps 15-digit totals to the fen', async () => {
    const payer = await newCustomer('中国重型机械总公司');
    await system.settled();
    const order = await placedOrder(payer, '123456789012345.67', '2026-12-01');
    expect((await customerView(payer)).receivables).toMatchObject({ own: { openAmount: '123456789012345.67' } });

    await recorded({ payerId: payer, amount: '123456789012345.00' });
    expect(moneyOf(await orderNow(order.id))).toEqual({ paidAmount: '123456789012345.00', openAmount: '0.67', fullyPaidOn: null });
    await recorded({ payerId: payer, amount: '0.67' });
    expect(moneyOf(await orderNow(order.id))).toEqual({ paidAmount: '123456789012345.67', openAmount: '0.00', fullyPaidOn: '2026-12-01' });
  });
});

describe('a new customer on the day its first order is fully paid (FUN-2)', () => {
  it('stays a prospect after a part payment, becomes active on the day of the payment that clears it, once', async () => {
    const customer = await newCustomer('常州华达科捷光电仪器有限公司');
    await system.settled();
    const first = await placedOrder(customer, '1000.00', '2026-12-01');
    setToday('2026-12-03');
    await recorded({ payerId: customer, amount: '400.00' });
    expect(await customerView(customer)).toMatchObject({ lifecycle: 'PROSPECT', newCustomerOn: null });
    expect(await outbox(Events.CustomerFirstPaid, customer)).toEqual([]);

    setToday('2026-12-08');
    await recorded({ payerId: customer, amount: '600.00', receivedOn: '2026-12-05' });

    expect(await customerView(customer)).toMatchObject({ lifecycle: 'ACTIVE', newCustomerOn: '2026-12-05' });
    expect(await outbox(Events.CustomerFirstPaid, customer)).toEqual([{ customerId: customer, orderId: first.id, paidOn: '2026-12-05' }]);

    await placedOrder(customer, '300.00', '2026-12-09');
    await recorded({ payerId: customer, amount: '300.00' });
    expect(await customerView(customer)).toMatchObject({ lifecycle: 'ACTIVE', newCustomerOn: '2026-12-05' });
    expect(await outbox(Events.CustomerFirstPaid, customer)).toHaveLength(1);
  });
});

describe('receivables and overdue orders', () => {
  const OVERDUE = `query ($filter: OverdueOrderFilter, $first: Int, $after: String) {
    overdueOrders(filter: $filter, first: $first, after: $after) { edges { node { daysOverdue order { id openAmount dueOn } } } pageInfo { hasNextPage endCursor } }
  }`;
  interface OverdueView {
    overdueOrders: { edges: { node: { daysOverdue: number; order: { id: string; dueOn: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }
  const overdue = async (filter: Record<string, unknown>, first = 20, after?: string) => (await succeed<OverdueView>('funnel', manager, OVERDUE, { filter, first, after })).overdueOrders;
  const overdueIds = async (filter: Record<string, unknown>) => (await overdue(filter)).edges.map((edge) => [edge.node.order.id, edge.node.daysOverdue]);

  it('lists an unpaid order as overdue from the day after it is due, longest overdue first, as the clock moves', async () => {
    const customer = await newCustomer('上海电气自动化设计研究所');
    await system.settled();
    const order = await placedOrder(customer, '500.00', '2026-12-10', 10);
    const older = await placedOrder(customer, '200.00', '2026-12-10', 5);
    expect(order.dueOn).toBe('2026-12-20');

    setToday('2026-12-15');
    expect(await overdueIds({ customerId: customer })).toEqual([]);
    setToday('2026-12-16');
    expect(await overdueIds({ customerId: customer })).toEqual([[older.id, 1]]);
    setToday('2026-12-25');
    expect(await overdueIds({ customerId: customer })).toEqual([
      [older.id, 10],
      [order.id, 5],
    ]);
    expect(await overdueIds({ customerId: customer, minDaysOverdue: 6 })).toEqual([[older.id, 10]]);
    const page = await overdue({ customerId: customer }, 1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect((await overdue({ customerId: customer }, 1, page.pageInfo.endCursor!)).edges.map((edge) => edge.node.order.id)).toEqual([order.id]);
    expect((await succeed<OverdueView>('funnel', outsider, OVERDUE, { filter: { customerId: customer } })).overdueOrders.edges).toEqual([]);

    await recorded({ payerId: customer, amount: '200.00' });
    expect(await overdueIds({ customerId: customer })).toEqual([[order.id, 5]]);
  });

  it("rolls a group's receivables up to its top, with each settlement party's own", async () => {
    const hq = await newCustomer('徐工集团有限公司');
    const subsidiary = await newCustomer('徐工华东有限公司', hq);
    const branch = await newCustomer('徐工华东南京分公司', subsidiary);
    await billTo(branch, hq);
    await system.settled();
    await placedOrder(hq, '100.00', '2026-12-01', 10);
    await placedOrder(branch, '200.00', '2026-12-11', 10);
    await placedOrder(subsidiary, '300.00', '2026-12-21', 10);
    setToday('2026-12-31');

    const FIGURES = 'openAmount overdueAmount openOrderCount oldestDaysOutstanding averageDaysOutstanding onAccount';
    const { receivables } = await succeed<{ receivables: Record<string, unknown> }>(
      'funnel',
      manager,
      `query ($id: ID!) { receivables(customerId: $id) { customer { id } own { ${FIGURES} } group { ${FIGURES} } members(first: 1) { edges { node { customer { id } own { openAmount } } } pageInfo { hasNextPage } } } }`,
      { id: hq },
    );

    expect(receivables).toEqual({
      customer: { id: hq },
      own: { openAmount: '300.00', overdueAmount: '300.00', openOrderCount: 2, oldestDaysOutstanding: 30, averageDaysOutstanding: 23, onAccount: '0.00' },
      group: { openAmount: '600.00', overdueAmount: '300.00', openOrderCount: 3, oldestDaysOutstanding: 30, averageDaysOutstanding: 17, onAccount: '0.00' },
      members: { edges: [{ node: { customer: { id: [hq, subsidiary].sort()[0] }, own: { openAmount: '300.00' } } }], pageInfo: { hasNextPage: true } },
    });
    const { receivables: ofSubsidiary } = await succeed<{ receivables: Record<string, unknown> }>('funnel', manager, 'query ($id: ID!) { receivables(customerId: $id) { own { openAmount } group { openAmount } members { edges { node { own { openAmount } } } } } }', {
      id: subsidiary,
    });
    expect(ofSubsidiary).toEqual({ own: { openAmount: '300.00' }, group: null, members: { edges: [] } });
  });
});

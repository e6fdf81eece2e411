import { customersSubgraph } from '../src';
import { contactMergeConsumer } from '../src/modules/contact';
import { demoData, type DemoUser } from '@crm/demo-data';
import { Events, type EventEnvelope } from '@crm/events';
import { identitySubgraph } from '@crm/identity';
import { ManualClock, newId, type Actor } from '@crm/platform';
import { errorCodes, graphql, startTestSubgraphs, type TestSubgraphs } from '@crm/testing';
import type { EntityManager } from '@mikro-orm/core';

/**
 * CUS-1 in the customers subgraph (with identity, whose people it replicates): a customer's
 * contacts, validated field by field; at most one primary; only for customers the actor sees;
 * audited; read in one statement per batch of customers; following the survivor of a merge.
 */
const clock = new ManualClock('2026-11-25T02:00:00Z');
const demo = demoData();
const person = (email: string): DemoUser => demo.users.find((p) => p.email === `${email}@demo.crm`)!;
const actorOf = (user: DemoUser): Actor => ({ userId: user.id, orgUnitId: user.orgUnitId, orgPath: user.orgPath, roles: user.roles });

const rep = person('rep1.east.shanghai.team1');
const outsider = person('rep1.north.beijing.team1');

let system: TestSubgraphs;
let url: string;
const as = async (user: DemoUser) => system.tokenFor(actorOf(user));

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const CONTACT_FIELDS = 'id name title mobile landline email wechatId birthday decisionRole primary customer { id } createdAt';
const ADD = `mutation ($input: AddContactInput!) { addContact(input: $input) { ${CONTACT_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateContactInput!) { updateContact(input: $input) { ${CONTACT_FIELDS} } }`;
const REMOVE = `mutation ($id: ID!) { removeContact(id: $id) }`;
const CONTACTS = `query ($id: ID!) { customer(id: $id) { contacts { name primary } } }`;

interface ContactNode {
  id: string;
  name: string;
  primary: boolean;
  [field: string]: unknown;
}

beforeAll(async () => {
  system = await startTestSubgraphs([identitySubgraph, customersSubgraph], { clock, seedDemoData: true });
  url = system.running.customers!.url;
}, 120_000);

afterAll(async () => system?.stop());

const rowsOf = async (sql: string, params: unknown[] = []) => (await system.running.customers!.orm.em.fork().getConnection().execute(sql, params)) as Record<string, unknown>[];
const countOf = async (sql: string, params: unknown[] = []) => Number((await rowsOf(sql, params))[0]!.n);

async function createCustomer(name: string, owner: DemoUser = rep): Promise<string> {
  const created = await graphql<{ createCustomer: { id: string } }>(url, CREATE, { token: await as(owner), variables: { input: { name, kind: 'COMPANY' } } });
  expect(created.errors).toBeUndefined();
  return created.data!.createCustomer.id;
}

async function addContact(input: Record<string, unknown>, user = rep): Promise<ContactNode> {
  const added = await graphql<{ addContact: ContactNode }>(url, ADD, { token: await as(user), variables: { input } });
  expect(added.errors).toBeUndefined();
  return added.data!.addContact;
}

async function contactsOf(customerId: string, user = rep): Promise<{ name: string; primary: boolean }[]> {
  const read = await graphql<{ customer: { contacts: { name: string; primary: boolean }[] } }>(url, CONTACTS, { token: await as(user), variables: { id: customerId } });
  expect(read.errors).toBeUndefined();
  return read.data!.customer.contacts;
}

it('adds a contact with every field, the mobile normalised, and audits it', async () => {
  const customerId = await createCustomer('上海信航贸易有限公司');
  clock.set('2026-11-25T03:00:00Z');
  const contact = await addContact({
    customerId,
    name: '  王芳 ',
    title: '采购总监',
    mobile: '+86 138-0013-8000',
    landline: '021-6123 4567 转 801',
    email: 'wang.fang@xinhang.example.cn',
    wechatId: 'wangfang_88',
    birthday: '1985-04-12',
    decisionRole: 'DECISION_MAKER',
    primary: true,
  });
  expect(contact).toEqual({
    id: expect.any(String),
    name: '王芳',
    title: '采购总监',
    mobile: '13800138000',
    landline: '021-6123 4567 转 801',
    email: 'wang.fang@xinhang.example.cn',
    wechatId: 'wangfang_88',
    birthday: '1985-04-12',
    decisionRole: 'DECISION_MAKER',
    primary: true,
    customer: { id: customerId },
    createdAt: '2026-11-25T03:00:00.000Z',
  });
  const minimal = await addContact({ customerId, name: '李雷' });
  expect(minimal).toMatchObject({ name: '李雷', title: null, mobile: null, birthday: null, decisionRole: null, primary: false });
  // The primary first, then by name.
  expect(await contactsOf(customerId)).toEqual([
    { name: '王芳', primary: true },
    { name: '李雷', primary: false },
  ]);

  const audit = await rowsOf(`select action, actor_id, before, after from audit_entry where subject_type = 'Customer' and subject_id = ? and action like 'customer.contact_%' order by at, id`, [
    customerId,
  ]);
  expect(audit).toHaveLength(2);
  expect(audit[0]).toEqual({
    action: 'customer.contact_added',
    actor_id: rep.id,
    before: null,
    after: expect.objectContaining({ contactId: contact.id, name: '王芳', mobile: '13800138000', birthday: '1985-04-12', primary: true }),
  });

  // A partial update changes only what it names, and audits only that.
  clock.set('2026-11-25T04:00:00Z');
  const updated = await graphql<{ updateContact: ContactNode }>(url, UPDATE, { token: await as(rep), variables: { input: { id: contact.id, title: '副总经理', landline: null } } });
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateContact).toMatchObject({ name: '王芳', title: '副总经理', landline: null, mobile: '13800138000', primary: true });
  const [entry] = await rowsOf(`select before, after from audit_entry where subject_id = ? and action = 'customer.contact_updated'`, [customerId]);
  expect(entry).toEqual({
    before: { contactId: contact.id, title: '采购总监', landline: '021-6123 4567 转 801' },
    after: { contactId: contact.id, title: '副总经理', landline: null },
  });

  const removed = await graphql<{ removeContact: boolean }>(url, REMOVE, { token: await as(rep), variables: { id: minimal.id } });
  expect(removed.errors).toBeUndefined();
  expect(removed.data!.removeContact).toBe(true);
  expect(await contactsOf(customerId)).toEqual([{ name: '王芳', primary: true }]);
  const [removal] = await rowsOf(`select before, after from audit_entry where subject_id = ? and action = 'customer.contact_removed'`, [customerId]);
  expect(removal).toEqual({ before: expect.objectContaining({ contactId: minimal.id, name: '李雷', primary: false }), after: null });
});

it.each([
  ['mobile', '021-6123 4567'],
  ['mobile', '138001380'],
  ['email', 'wang.fang@'],
  ['wechatId', '1wangfang'],
  ['wechatId', 'wf'],
  ['landline', '021-6123 4567 ext. 801'],
  ['birthday', '2026-11-26'],
  ['birthday', '1985-02-30'],
  ['name', '   '],
])('refuses a bad %s (%s) with BAD_USER_INPUT naming it, and writes nothing', async (field, value) => {
  const customerId = await createCustomer(`杭州校验测试有限公司 ${field} ${value}`);
  const audits = await countOf('select count(*)::int as n from audit_entry');
  const refused = await graphql(url, ADD, { token: await as(rep), variables: { input: { customerId, name: '张伟', [field]: value } } });
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0]!.message.startsWith(`${field}: `)).toBe(true);
  expect(refused.errors![0]!.extensions).toMatchObject({ field });
  expect(await countOf('select count(*)::int as n from contact where customer_id = ?', [customerId])).toBe(0);
  expect(await countOf('select count(*)::int as n from audit_entry')).toBe(audits);
});

it('refuses a bad field on update too, leaving the contact as it was', async () => {
  const customerId = await createCustomer('温州东瓯电器有限公司');
  const contact = await addContact({ customerId, name: '陈静', email: 'chen.jing@example.com' });
  const refused = await graphql(url, UPDATE, { token: await as(rep), variables: { input: { id: contact.id, title: '经理', email: 'not an e-mail' } } });
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0]!.message).toMatch(/^email: /);
  expect(await rowsOf('select title, email from contact where id = ?', [contact.id])).toEqual([{ title: null, email: 'chen.jing@example.com' }]);
  const clearName = await graphql(url, UPDATE, { token: await as(rep), variables: { input: { id: contact.id, name: null } } });
  expect(errorCodes(clearName)).toEqual(['BAD_USER_INPUT']);
});

it('keeps at most one primary contact: a second primary unsets the first', async () => {
  const customerId = await createCustomer('广州南粤化工有限公司');
  const first = await addContact({ customerId, name: '赵敏', primary: true });
  const second = await addContact({ customerId, name: '孙强', primary: true });
  expect(second.primary).toBe(true);
  expect(await contactsOf(customerId)).toEqual([
    { name: '孙强', primary: true },
    { name: '赵敏', primary: false },
  ]);
  const [added] = await rowsOf(`select after from audit_entry where subject_id = ? and action = 'customer.contact_added' and after->>'contactId' = ?`, [customerId, second.id]);
  expect(added!.after).toMatchObject({ previousPrimaryContactId: first.id });

  // Made primary again by an update, the other stops being primary.
  const updated = await graphql(url, UPDATE, { token: await as(rep), variables: { input: { id: first.id, primary: true } } });
  expect(updated.errors).toBeUndefined();
  expect(await contactsOf(customerId)).toEqual([
    { name: '赵敏', primary: true },
    { name: '孙强', primary: false },
  ]);
  expect(await countOf('select count(*)::int as n from contact where customer_id = ? and is_primary', [customerId])).toBe(1);
});

it('gives a rep from another region NOT_FOUND on add, update and remove, as for contacts and customers that do not exist', async () => {
  const customerId = await createCustomer('厦门鹭岛海运有限公司');
  const contact = await addContact({ customerId, name: '林峰', primary: true });
  const audits = await countOf('select count(*)::int as n from audit_entry');
  const messageFor = async (query: string, variables: Record<string, unknown>, user: DemoUser) => {
    const refused = await graphql(url, query, { token: await as(user), variables });
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    return refused.errors![0]!.message;
  };

  const unknown = newId();
  expect(await messageFor(ADD, { input: { customerId, name: '外人' } }, outsider)).toBe(
    (await messageFor(ADD, { input: { customerId: unknown, name: '外人' } }, rep)).replace(unknown, customerId),
  );
  expect(await messageFor(UPDATE, { input: { id: contact.id, name: '外人' } }, outsider)).toBe(
    (await messageFor(UPDATE, { input: { id: unknown, name: '外人' } }, rep)).replace(unknown, contact.id),
  );
  expect(await messageFor(REMOVE, { id: contact.id }, outsider)).toBe((await messageFor(REMOVE, { id: unknown }, rep)).replace(unknown, contact.id));

  expect(await rowsOf('select name, is_primary from contact where customer_id = ?', [customerId])).toEqual([{ name: '林峰', is_primary: true }]);
  expect(await countOf('select count(*)::int as n from audit_entry')).toBe(audits);
  const read = await graphql<{ customer: unknown }>(url, CONTACTS, { token: await as(outsider), variables: { id: customerId } });
  expect(read.data?.customer ?? null).toBeNull();
});

it('reads the contacts of 30 customers in one statement, not one per customer', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 30; i += 1) {
    const customerId = await createCustomer(`批量联系人测试第${i + 1}号有限公司`);
    await addContact({ customerId, name: `联系人${i + 1}`, primary: i % 2 === 0 });
    ids.push(customerId);
  }
  await system.settled();
  const knex = (system.running.customers!.orm.em.getConnection() as unknown as { getKnex(): { on(event: 'query', listener: (query: { sql: string }) => void): void; off(event: 'query', listener: (query: { sql: string }) => void): void } }).getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => {
    if (/\bcontact\b/.test(query.sql)) statements.push(query.sql);
  };
  const read = async (count: number) => {
    const query = `query { ${ids
      .slice(0, count)
      .map((id, i) => `c${i}: customer(id: "${id}") { id contacts { name primary customer { id } } }`)
      .join(' ')} }`;
    statements.length = 0;
    knex.on('query', listener);
    try {
      const result = await graphql<Record<string, { id: string; contacts: { name: string; primary: boolean; customer: { id: string } }[] }>>(url, query, { token: await as(rep) });
      expect(result.errors).toBeUndefined();
      return { result: result.data!, statements: statements.length };
    } finally {
      knex.off('query', listener);
    }
  };
  const few = await read(3);
  const many = await read(30);
  expect(many.statements).toBe(1);
  expect(few.statements).toBe(1);
  expect(ids.map((id, i) => many.result[`c${i}`]!.contacts)).toEqual(ids.map((id, i) => [{ name: `联系人${i + 1}`, primary: i % 2 === 0, customer: { id } }]));
});

/** customer.merged as the bus delivers it, applied by the consumer's handler. */
async function applyMerge(survivorId: string, mergedId: string): Promise<void> {
  const payload = { survivorId, mergedId, mergedOwnerId: rep.id };
  const envelope: EventEnvelope<typeof payload> = { id: newId(), type: Events.CustomerMerged, version: '1.0', source: 'test', time: clock.now().toISOString(), key: survivorId, payload };
  const handler = contactMergeConsumer.handlers[Events.CustomerMerged] as (em: EntityManager, payload: unknown, envelope: unknown) => Promise<void>;
  await system.running.customers!.orm.em.fork().transactional((em) => handler(em, payload, envelope));
}

it("re-points a merged customer's contacts to the survivor, keeping the survivor's primary, and does it once", async () => {
  const survivorId = await createCustomer('成都天府软件有限公司');
  const mergedId = await createCustomer('天府软件（成都）有限公司');
  await addContact({ customerId: survivorId, name: '周杰', primary: true });
  await addContact({ customerId: survivorId, name: '吴磊' });
  await addContact({ customerId: mergedId, name: '郑爽', primary: true });
  await addContact({ customerId: mergedId, name: '冯伟' });

  await applyMerge(survivorId, mergedId);
  await applyMerge(survivorId, mergedId);
  const expected = [
    { name: '周杰', primary: true },
    { name: '冯伟', primary: false },
    { name: '吴磊', primary: false },
    { name: '郑爽', primary: false },
  ];
  expect(await rowsOf('select name, is_primary as primary from contact where customer_id = ? order by is_primary desc, name', [survivorId])).toEqual(expected);
  expect(await countOf('select count(*)::int as n from contact where customer_id = ?', [mergedId])).toBe(0);

  // A survivor without a primary contact takes the merged customer's.
  const lonely = await createCustomer('重庆山城机电有限公司');
  const other = await createCustomer('山城机电（重庆）有限公司');
  await addContact({ customerId: lonely, name: '何静' });
  await addContact({ customerId: other, name: '高峰', primary: true });
  await applyMerge(lonely, other);
  await applyMerge(lonely, other);
  expect(await rowsOf('select name, is_primary as primary from contact where customer_id = ? order by is_primary desc, name', [lonely])).toEqual([
    { name: '高峰', primary: true },
    { name: '何静', primary: false },
  ]);
});

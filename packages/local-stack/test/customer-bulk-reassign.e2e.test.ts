import { demoData } from '@crm/demo-data';
import { Events, recordEvent } from '@crm/events';
import { newId } from '@crm/platform';
import { eventually, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { countRows, signIn, startDemoStack } from './support/demo-stack';

/**
 * CUS-5: a team lead hands 10,000 of a rep's customers to a colleague in one job. It reports its
 * progress, every hand-over is audited, and the other subgraphs' replicas (funnel's and service's
 * customer owners, analytics' counts) follow.
 */
const COUNT = 10_000;
const demo = demoData();
const person = (handle: string) => demo.users.find((u) => u.email === `${handle}@demo.crm`)!;
const from = person('rep2.east.shanghai.team1');
const to = person('rep3.east.shanghai.team1');

let stack: LocalStack;
let lead: string;

const RUN = 'mutation ($payload: JSON) { runCustomersJob(kind: "customer.bulk_reassign", payload: $payload) { id state } }';
const JOB = 'query ($id: ID!) { customersJob(id: $id) { state progress total error } }';
const COUNT_OF = 'query ($id: ID!) { user(id: $id) { customerCount } }';

/** The rep's book, made as createCustomer would (a row and its customer.created event each), in one transaction. */
async function giveCustomers(ownerId: string, count: number): Promise<void> {
  const em = stack.subgraphs.customers!.orm.em.fork();
  await em.transactional(async (tx) => {
    const ids = Array.from({ length: count }, newId);
    // Names of six random CJK characters: as unlike each other as real company names, so the
    // duplicate detection each creation triggers finds nothing to queue.
    await tx.getConnection().execute(
      `insert into customer (id, name, kind, match_name, name_initials, owner_id, created_by_id, created_at)
       select id, name, 'COMPANY', name, '', ?, ?, now()
         from unnest(?::uuid[]) as t(id),
              lateral (select string_agg(chr(19968 + (random() * 20000)::int), '') as name from generate_series(1, 6) where t.id is not null) n`,
      [ownerId, ownerId, `{${ids.join(',')}}`],
      'run',
      tx.getTransactionContext(),
    );
    for (const customerId of ids) recordEvent(tx, 'customers', { type: Events.CustomerCreated, key: customerId, time: new Date(), payload: { customerId, name: '批量客户', ownerId, divisionCode: null } });
  });
  // As an import would: statistics for the new rows before consumers look them up.
  await em.getConnection().execute('analyze customer');
}

const customerCount = async (token: string, userId: string) =>
  (await graphql<{ user: { customerCount: number } }>(stack.gateway.url, COUNT_OF, { token, variables: { id: userId } })).data!.user.customerCount;

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  lead = (await signIn(stack, 'lead.east.shanghai.team1')).accessToken;
  await giveCustomers(from.id, COUNT);
  await stack.settled(240_000);
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

it('hands 10,000 customers over as a job with progress; each is audited and every replica follows', async () => {
  const [fromBefore, toBefore] = [await customerCount(lead, from.id), await customerCount(lead, to.id)];
  const started = await graphql<{ runCustomersJob: { id: string } }>(stack.gateway.url, RUN, { token: lead, variables: { payload: { filter: { ownerId: from.id }, toOwnerId: to.id } } });
  expect(started.errors).toBeUndefined();
  const id = started.data!.runCustomersJob.id;
  const seen: number[] = [];
  await eventually(
    async () => {
      const job = (await graphql<{ customersJob: { state: string; progress: number; total: number; error: string | null } }>(stack.gateway.url, JOB, { token: lead, variables: { id } })).data!.customersJob;
      seen.push(job.progress);
      expect(job).toEqual({ state: 'COMPLETED', progress: fromBefore, total: fromBefore, error: null });
    },
    240_000,
    500,
  );
  expect(seen.some((progress) => progress > 0 && progress < fromBefore)).toBe(true);
  await stack.settled(240_000);

  expect(await countRows(stack, 'customers', 'customer where owner_id = ?', [from.id])).toBe(0);
  expect(await countRows(stack, 'customers', `audit_entry where action = 'customer.reassigned' and after->>'ownerId' = ?`, [to.id])).toBe(fromBefore);
  for (const subgraph of ['funnel', 'service']) {
    expect(await countRows(stack, subgraph, 'customer_owner where owner_id = ?', [from.id])).toBe(0);
  }
  expect(await customerCount(lead, from.id)).toBe(0);
  expect(await customerCount(lead, to.id)).toBe(toBefore + fromBefore);
}, 300_000);

it('hands over a list of customers by id, and only those', async () => {
  const ids = ((await stack.subgraphs.customers!.orm.em.fork().getConnection().execute('select id from customer where owner_id = ? order by id limit 3', [to.id])) as { id: string }[]).map((row) => row.id);
  const started = await graphql<{ runCustomersJob: { id: string } }>(stack.gateway.url, RUN, { token: lead, variables: { payload: { customerIds: ids, toOwnerId: from.id } } });
  expect(started.errors).toBeUndefined();
  await eventually(async () => {
    const job = (await graphql<{ customersJob: { state: string; total: number } }>(stack.gateway.url, JOB, { token: lead, variables: { id: started.data!.runCustomersJob.id } })).data!.customersJob;
    expect(job).toMatchObject({ state: 'COMPLETED', total: 3 });
  }, 60_000, 200);
  expect(await countRows(stack, 'customers', 'customer where owner_id = ?', [from.id])).toBe(3);
}, 120_000);

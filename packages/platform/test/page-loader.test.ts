import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import { PageLoader, createLogger, defineModule, newId, openSubgraphDatabase, type RowCondition } from '../src';

/**
 * A list field under a batch of federated entities costs one statement whatever the batch size, in
 * both forms: children that point at their parent (a lead's customer_id), and children linked to
 * many parents through a join table (a campaign targeting many customers).
 */
class Campaign {
  id!: string;
  name!: string;
  ownerId!: string;
  /** One-to-many form: the campaign's lead customer. */
  leadCustomerId!: string;
}

const CampaignSchema = new EntitySchema<Campaign>({
  class: Campaign,
  tableName: 'campaign',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    ownerId: { type: 'uuid' },
    leadCustomerId: { type: 'uuid' },
  },
});

class Migration20261125000000PageLoaderTest extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table campaign (id uuid primary key, name text not null, owner_id uuid not null, lead_customer_id uuid not null)');
    // The join table carries an `id` and a `name` of its own, to show the child's columns stay unambiguous.
    this.addSql(`create table campaign_customer (
      id uuid primary key, name text null, customer_id uuid not null, campaign_id uuid not null references campaign (id),
      unique (customer_id, campaign_id))`);
  }
}

const definition = {
  name: 'page-loader-test',
  modules: [
    defineModule({
      name: 'campaign',
      entities: [CampaignSchema],
      migrations: [{ name: 'Migration20261125000000PageLoaderTest', class: Migration20261125000000PageLoaderTest }],
    }),
  ],
  createLoaders: () => ({}),
};

const targets = { table: 'campaign_customer', parentColumn: 'customer_id', childColumn: 'campaign_id' };
const [alice, bob] = [newId(), newId()];
const [shanghai, hangzhou, suzhou, nobody] = [newId(), newId(), newId(), newId()];
const statements: string[] = [];
let orm: MikroORM;

async function addCampaign(name: string, ownerId: string, customers: string[]): Promise<void> {
  // Ids are time-ordered: "newest first" is the reverse of the order added here.
  const campaign = { id: newId(), name, ownerId, leadCustomerId: customers[0]! };
  const connection = orm.em.getConnection();
  await connection.execute('insert into campaign (id, name, owner_id, lead_customer_id) values (?, ?, ?, ?)', [campaign.id, name, ownerId, campaign.leadCustomerId]);
  for (const customer of customers) {
    await connection.execute('insert into campaign_customer (id, name, customer_id, campaign_id) values (?, ?, ?, ?)', [newId(), 'link', customer, campaign.id]);
  }
}

beforeAll(async () => {
  orm = await openSubgraphDatabase(definition, testDatabaseUrl(`${uniqueDatabasePrefix()}page_loader`), createLogger('page-loader-test', 'error'), (sql) =>
    statements.push(sql),
  );
  await addCampaign('双十一', alice, [shanghai, hangzhou]);
  await addCampaign('年货节', bob, [shanghai]);
  await addCampaign('618', alice, [shanghai, hangzhou, suzhou]);
  await addCampaign('开学季', alice, [hangzhou]);
});

afterAll(async () => orm?.close());

const names = (connection: { edges: { node: Campaign }[] }) => connection.edges.map((edge) => edge.node.name);

/** Runs `work` and returns how many page statements it sent. */
async function pageStatements(work: () => Promise<unknown>): Promise<number> {
  statements.length = 0;
  await work();
  return statements.filter((sql) => sql.includes('cross join lateral')).length;
}

describe('PageLoader through a join table', () => {
  it("gives each parent a page of the children linked to it, newest first, in one statement for the batch", async () => {
    const loader = new PageLoader(orm.em.fork(), Campaign, targets);
    let pages: Awaited<ReturnType<typeof loader.connection>>[] = [];
    const count = await pageStatements(async () => {
      pages = await Promise.all([shanghai, hangzhou, suzhou, nobody].map((customer) => loader.connection(customer, { first: 2 })));
    });
    expect(count).toBe(1);
    expect(pages.map(names)).toEqual([['618', '年货节'], ['开学季', '618'], ['618'], []]);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false, false]);
    // A campaign linked to three customers is one entity, in each of their pages.
    expect(pages[0]!.edges[0]!.node).toBe(pages[2]!.edges[0]!.node);
  });

  it('resumes after the cursor of the previous page', async () => {
    const em = orm.em.fork();
    const first = await new PageLoader(em, Campaign, targets).connection(shanghai, { first: 2 });
    const next = await new PageLoader(em, Campaign, targets).connection(shanghai, { first: 2, after: first.pageInfo.endCursor });
    expect(names(next)).toEqual(['双十一']);
    expect(next.pageInfo).toEqual({ hasNextPage: false, endCursor: next.edges[0]!.cursor });
  });

  it('keeps to what `where` allows, naming the child’s columns as they are', async () => {
    const alicesOnly: RowCondition = { sql: '"owner_id" = ? and "name" <> ?', params: [alice, '开学季'] };
    const loader = new PageLoader(orm.em.fork(), Campaign, targets, alicesOnly);
    const pages = await Promise.all([shanghai, hangzhou].map((customer) => loader.connection(customer, { first: 10 })));
    expect(pages.map(names)).toEqual([['618', '双十一'], ['618', '双十一']]);
  });
});

describe('PageLoader over a parent column', () => {
  it('still pages children that point at their parent, one statement per batch', async () => {
    const loader = new PageLoader(orm.em.fork(), Campaign, 'lead_customer_id');
    let pages: Awaited<ReturnType<typeof loader.connection>>[] = [];
    const count = await pageStatements(async () => {
      pages = await Promise.all([shanghai, hangzhou].map((customer) => loader.connection(customer, { first: 10 })));
    });
    expect(count).toBe(1);
    expect(pages.map(names)).toEqual([['618', '年货节', '双十一'], ['开学季']]);
  });
});

import { DEMO_PASSWORD } from '@crm/demo-data';
import { AuthKeys, type AuthKeyPem } from '@crm/platform';
import { graphql, testServerUrl, uniqueDatabasePrefix } from '@crm/testing';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../src';

/** The whole system with the demo data, in databases of its own, settled (every event handled). */
export async function startDemoStack(options: Partial<LocalStackOptions> = {}): Promise<{ stack: LocalStack; keys: Required<AuthKeyPem> }> {
  const keys = await AuthKeys.generatePem();
  const stack = await startLocalStack({
    serverUrl: testServerUrl(),
    databasePrefix: uniqueDatabasePrefix(),
    keys,
    gatewayPort: 0,
    seedDemoData: true,
    ...options,
  });
  await stack.settled();
  return { stack, keys };
}

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`;

/** Signs a demo person in through the gateway; `who` is the part of the e-mail before @demo.crm. */
export async function signIn(stack: LocalStack, who: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await graphql<{ login: { accessToken: string; refreshToken: string } }>(stack.gateway.url, LOGIN, {
    variables: { email: `${who}@demo.crm`, password: DEMO_PASSWORD },
  });
  if (!response.data) throw new Error(`sign-in of ${who} failed: ${JSON.stringify(response.errors)}`);
  return response.data.login;
}

/** `select count(*)` in one subgraph's database. */
export async function countRows(stack: LocalStack, subgraph: string, from: string, params: unknown[] = []): Promise<number> {
  const rows = (await stack.subgraphs[subgraph]!.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${from}`, params)) as { n: number }[];
  return rows[0]!.n;
}

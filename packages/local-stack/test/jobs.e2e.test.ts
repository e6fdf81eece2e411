import { eventually, errorCodes, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { countRows, signIn, startDemoStack } from './support/demo-stack';

/**
 * PLT-3 through the gateway, as an admin's console would use it: start a job by hand, follow its
 * progress, and get clear coded refusals for what one may not do — with nothing written.
 */
let stack: LocalStack;
let url: string;
let admin: string;
let rep: string;

const RUN = 'mutation ($kind: String!) { runIdentityJob(kind: $kind) { id kind state } }';
const JOB = 'query ($id: ID!) { identityJob(id: $id) { id kind state progress total startedAt finishedAt error } }';
const JOBS = 'query { identityJobs(kind: "session.purge_expired", first: 5) { edges { node { id state } } } }';

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  admin = (await signIn(stack, 'admin')).accessToken;
  rep = (await signIn(stack, 'rep1.east.shanghai.team1')).accessToken;
}, 180_000);

afterAll(async () => stack?.stop());

it('runs a job an admin starts and shows its progress until it completes', async () => {
  const started = await graphql<{ runIdentityJob: { id: string; kind: string; state: string } }>(url, RUN, { token: admin, variables: { kind: 'session.purge_expired' } });
  expect(started.errors).toBeUndefined();
  expect(started.data?.runIdentityJob).toMatchObject({ kind: 'session.purge_expired', state: 'CREATED' });
  const id = started.data!.runIdentityJob.id;

  await eventually(async () => {
    const job = await graphql<{ identityJob: Record<string, unknown> }>(url, JOB, { token: admin, variables: { id } });
    expect(job.data?.identityJob).toMatchObject({ id, state: 'COMPLETED', error: null });
    expect(job.data?.identityJob.progress).toBe(job.data?.identityJob.total);
  }, 20_000);

  const listed = await graphql<{ identityJobs: { edges: { node: { id: string } }[] } }>(url, JOBS, { token: admin });
  expect(listed.data?.identityJobs.edges.map((e) => e.node.id)).toContain(id);
  expect(errorCodes(await graphql(url, JOB, { token: rep, variables: { id } }))).toEqual(['NOT_FOUND']);
});

it('refuses what a person may not do with a code, and writes nothing', async () => {
  const before = await countRows(stack, 'identity', 'job_record');
  expect(errorCodes(await graphql(url, RUN, { token: rep, variables: { kind: 'session.purge_expired' } }))).toEqual(['FORBIDDEN']);
  const unknown = await graphql(url, RUN, { token: admin, variables: { kind: 'pool.sweep' } });
  expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  expect(unknown.errors?.[0]?.message).toContain('session.purge_expired');
  expect(errorCodes(await graphql(url, RUN, { token: admin, variables: { kind: 'bad\u0000kind' } }))).toEqual(['BAD_USER_INPUT']);
  expect(errorCodes(await graphql(url, JOB, { token: admin, variables: { id: '0199a000-0000-7000-8000-00000000dead' } }))).toEqual(['NOT_FOUND']);
  expect(errorCodes(await graphql(url, JOB, { token: admin, variables: { id: 'not-an-id' } }))).toEqual(['BAD_USER_INPUT']);
  expect(errorCodes(await graphql(url, JOBS, { token: rep }))).toEqual(['FORBIDDEN']);
  expect(await countRows(stack, 'identity', 'job_record')).toBe(before);
});

import { graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { startDemoStack } from './support/demo-stack';

/** Issue 11 #4 as a client sees it through the gateway: a locked account says so, with when to retry. */
let stack: LocalStack;

beforeAll(async () => {
  ({ stack } = await startDemoStack());
}, 180_000);

afterAll(async () => stack?.stop());

it('refuses the 6th wrong password in a row with TOO_MANY_ATTEMPTS, HTTP 429 and when to retry', async () => {
  const LOGIN = 'mutation { login(email: "rep3.east.shanghai.team1@demo.crm", password: "not-it") { accessToken } }';
  for (let attempt = 1; attempt <= 5; attempt += 1) await graphql(stack.gateway.url, LOGIN);
  const locked = await graphql(stack.gateway.url, LOGIN);
  expect(locked.status).toBe(429);
  expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'ACCOUNT_LOCKED', retryAfterSeconds: 15 * 60 });
  expect(locked.errors?.[0]?.message).toMatch(/try again in 15 minutes/);
}, 60_000);

import { demoData } from '@crm/demo-data';
import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;
const POLLS = 1_200;

/**
 * The demo's pools are about people and places: who holds a record, which unit owns its
 * territory. Those come to funnel's directory replica as identity's events, which identity's own
 * seed has only just recorded, so the pools wait until the replica knows every demo person and
 * territory rather than reading a half-filled one.
 */
export async function untilDirectoryHasDemoPeople(em: EntityManager): Promise<void> {
  const { users, territories } = demoData();
  for (let poll = 0; poll < POLLS; poll += 1) {
    const [row] = (await em.getConnection().execute(
      'select (select count(*) from directory_user where id = any(?::uuid[]))::int as people, (select count(*) from directory_territory_binding)::int as territories',
      [pgArray(users.map((user) => user.id))],
    )) as { people: number; territories: number }[];
    if (row!.people === users.length && row!.territories >= territories.length) return;
    await sleep(POLL_MS);
  }
  throw new Error(`demo data: funnel's directory replica still lacks identity's demo people after ${(POLLS * POLL_MS) / 1000} s`);
}

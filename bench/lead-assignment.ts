// FUN-6's bulk goal: 10,000 verified leads assigned in one call through the gateway, run as the
// real job (lead.assign) — each lead an audited reassignment with its event and its assignment
// record — by the heaviest strategy, STRENGTHS (history read once, the rest dealt evenly), across
// the demo Shanghai team's reps, timed from the call to the job's completion. The leads are seeded
// straight into funnel's database: the import has a bench of its own.
import type { AuthKeyPem } from '@crm/platform';
import { signIn } from './api';
import type { Postgres } from './infra';
import { sleep, startStack } from './pipeline';

export const ASSIGNED_LEADS = 10_000;
const GOAL_SECONDS = 30;
const MANAGER = 'manager.east.shanghai@demo.crm';
const TEAM_PATH = 'hq.east.shanghai.team1';

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors[0]));
  return body.data!;
}

export async function measureLeadAssignment(postgres: Postgres, keys: Required<AuthKeyPem>) {
  const bench = await startStack({ postgres, keys, seedDemoData: true });
  try {
    await bench.stack.settled(300_000);
    const url = bench.stack.gateway.url;
    const token = await signIn(url, MANAGER);
    const [manager] = await bench.query<{ id: string }>('funnel', 'select id from directory_user where org_path = $1::ltree and roles @> $2', ['hq.east.shanghai', ['MANAGER']]);
    const [team] = await bench.query<{ id: string }>('funnel', 'select id from directory_org_unit where path = $1::ltree', [TEAM_PATH]);
    const leads = await bench.query<{ id: string }>(
      'funnel',
      `insert into lead (id, title, source, status, owner_id, created_by_id, created_at, company_name, industry, verified_at, verified_by_id)
       select gen_random_uuid(), '线索 ' || n, (array['WEB_INQUIRY', 'EVENT', 'PURCHASED_LIST'])[1 + n % 3], 'VERIFIED', $1, $1, now(), '公司 ' || n,
              (array['制造业', '教育', '零售', '医疗'])[1 + n % 4], now(), $1
         from generate_series(1, $2) n returning id`,
      [manager!.id, ASSIGNED_LEADS],
    );
    const began = performance.now();
    const started = await gql<{ assignLeads: { run: { job: { id: string } } } }>(url, token, 'mutation ($input: AssignLeadsInput!) { assignLeads(input: $input) { run { job { id } } } }', {
      input: { leadIds: leads.map((lead) => lead.id), strategy: 'STRENGTHS', team: { orgUnitId: team!.id } },
    });
    for (;;) {
      await sleep(250);
      const { funnelJob } = await gql<{ funnelJob: { state: string; error: string | null } }>(url, token, 'query ($id: ID!) { funnelJob(id: $id) { state error } }', { id: started.assignLeads.run.job.id });
      if (funnelJob.state === 'FAILED') throw new Error(`the assignment failed: ${funnelJob.error}`);
      if (funnelJob.state === 'COMPLETED') break;
    }
    const seconds = (performance.now() - began) / 1_000;
    const [moved] = await bench.query<{ n: number }>('funnel', 'select count(*)::int as n from lead where owner_id <> $1 and id = any($2::uuid[])', [manager!.id, leads.map((lead) => lead.id)]);
    return {
      measure: `lead assignment, ${ASSIGNED_LEADS.toLocaleString('en')} verified leads by STRENGTHS across a team as a job, call → job completed`,
      figure: `${seconds.toFixed(1)} s = ${Math.round(ASSIGNED_LEADS / seconds).toLocaleString('en')} leads/s (${moved!.n.toLocaleString('en')} reassigned)`,
      goal: `≤ ${GOAL_SECONDS} s`,
      met: seconds <= GOAL_SECONDS && moved!.n === ASSIGNED_LEADS,
    };
  } finally {
    await bench.stop();
  }
}

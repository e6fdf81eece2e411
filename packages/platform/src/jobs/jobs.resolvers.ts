import { z } from 'zod';
import { requireActor, type Actor } from '../auth';
import { ForbiddenException, NotFoundException } from '../errors';
import { findPage, parsePageArgs } from '../pagination';
import type { SubgraphContext } from '../subgraph/subgraph-definition';
import { fields, parseId, parseInput } from '../validation';
import { jobFieldNames } from './job-fields';
import { JobRecord } from './job-record.entity';
import type { JobRunner } from './job-runner';
import { startJobAs } from './start-job';

const isAdmin = (actor: Actor) => actor.roles.includes('ADMIN');
const runArgs = z.object({ kind: fields.text(100).regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must name a job as module.rule, e.g. session.purge_expired') });

/**
 * The resolvers of jobs.graphql for one subgraph. A person sees the runs they started; admins see
 * every run. A run the actor may not see is NOT_FOUND, like one that does not exist.
 */
export function jobResolversFor(subgraph: string, runner: JobRunner) {
  const names = jobFieldNames(subgraph);
  return {
    Query: {
      [names.job]: async (_root: unknown, args: { id: string }, { em, actor }: SubgraphContext<unknown>) => {
        const who = requireActor(actor);
        const job = await em.findOne(JobRecord, { id: parseId(args.id) });
        if (!job || !(isAdmin(who) || job.requestedBy === who.userId)) throw new NotFoundException(`No job ${args.id} that you can see.`, 'JOB_NOT_FOUND');
        return job;
      },
      [names.jobs]: (_root: unknown, args: { kind?: string | null; first?: number | null; after?: string | null }, { em, actor }: SubgraphContext<unknown>) => {
        if (!isAdmin(requireActor(actor))) throw new ForbiddenException('Only admins list job runs; ask for a run by its id instead.');
        const page = parsePageArgs(args);
        return findPage(em, JobRecord, page, args.kind ? { sql: 'kind = ?', params: [parseInput(runArgs, { kind: args.kind }).kind] } : undefined);
      },
    },
    Mutation: {
      [names.run]: async (_root: unknown, args: { kind: string; payload?: unknown }, { actor }: SubgraphContext<unknown>) => {
        const { kind } = parseInput(runArgs, { kind: args.kind });
        return startJobAs(runner, subgraph, requireActor(actor), kind, args.payload);
      },
    },
  };
}

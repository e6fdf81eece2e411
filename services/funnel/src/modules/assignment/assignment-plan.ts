import { randomInt } from 'node:crypto';
import type { Actor, Scope } from '@crm/platform';
import { divisionChain, requireOwnerInReach } from '@crm/identity/replica';
import type { EntityManager } from '@mikro-orm/core';
import { AssignmentStrategy } from '../../generated/graphql';
import type { Lead } from '../lead';
import { AssignmentCursor, AssignmentRule, type AssignmentTarget } from './assignment.entity';
import { NoEligibleRepException, NoRuleMatchesException } from './assignment.exception';
import { eligibleReps, resolveTeam, type Team } from './assignment-team';
import { MIN_SAMPLE, strengthsOf } from './strengths';

export interface Pick {
  ownerId: string;
  reason: string;
}

/** How one assignment picks reps, set up once (who is eligible, the turn, the history) for all its batches. */
export interface Plan {
  strategy: AssignmentStrategy;
  /** The rep of each lead of a batch whose first lead is at `offset` in the whole list; saves the turn with the batch. */
  pick(em: EntityManager, leads: readonly Lead[], offset: number): Promise<Pick[]>;
}

/** A team's round robin: the next eligible rep after the last one given a lead, by id, wrapping. */
class Rotation {
  private constructor(
    private readonly key: string,
    private readonly reps: readonly string[],
    private last: string | null,
  ) {}

  static async of(em: EntityManager, team: Team, reps: readonly string[]): Promise<Rotation> {
    const cursor = await em.findOne(AssignmentCursor, { teamKey: team.key });
    return new Rotation(team.key, reps, cursor?.lastUserId ?? null);
  }

  next(): string {
    const last = this.last;
    this.last = this.reps.find((id) => last === null || id > last) ?? this.reps[0]!;
    return this.last;
  }

  async save(em: EntityManager): Promise<void> {
    if (this.last) await em.upsert(AssignmentCursor, { teamKey: this.key, lastUserId: this.last });
  }
}

const reps = (n: number) => `${n} available rep${n === 1 ? '' : 's'}`;

async function teamPlan(scope: Scope, strategy: AssignmentStrategy, team: Team): Promise<Plan> {
  const eligible = await eligibleReps(scope, team);
  const deal = (position: number): Pick => ({ ownerId: eligible[position % eligible.length]!, reason: `even split across ${reps(eligible.length)}` });
  switch (strategy) {
    case AssignmentStrategy.RoundRobin: {
      const rotation = await Rotation.of(scope.em, team, eligible);
      return {
        strategy,
        async pick(em, leads) {
          const picks = leads.map(() => ({ ownerId: rotation.next(), reason: `next in turn among ${reps(eligible.length)}` }));
          await rotation.save(em);
          return picks;
        },
      };
    }
    case AssignmentStrategy.Random:
      return { strategy, pick: async (_em, leads) => leads.map(() => ({ ownerId: eligible[randomInt(eligible.length)]!, reason: `drawn at random among ${reps(eligible.length)}` })) };
    case AssignmentStrategy.Strengths: {
      const strongest = await strengthsOf(scope.em, eligible);
      return {
        strategy,
        pick: async (_em, leads, offset) =>
          leads.map((lead, i) => {
            const strength = strongest(lead);
            if (strength) return { ownerId: strength.userId, reason: strength.reason };
            const dealt = deal(offset + i);
            return { ownerId: dealt.ownerId, reason: `no rep has ${MIN_SAMPLE} past leads in its segments yet; ${dealt.reason}` };
          }),
      };
    }
    default:
      return { strategy, pick: async (_em, leads, offset) => leads.map((_lead, i) => deal(offset + i)) };
  }
}

const conditionsOf = (rule: AssignmentRule) =>
  [rule.divisionCode && `division ${rule.divisionCode}`, rule.industry && `industry ${rule.industry}`, rule.source && `source ${rule.source}`].filter(Boolean).join(', ');

const matches = (rule: AssignmentRule, lead: Lead) =>
  (!rule.divisionCode || (lead.divisionCode !== null && divisionChain(lead.divisionCode).some((d) => d.code === rule.divisionCode))) &&
  (!rule.industry || rule.industry === lead.industry) &&
  (!rule.source || rule.source === lead.source);

/** A rule's target as a team: one rep is a team of one; a unit or sales team goes round its eligible reps. */
async function ruleTeam(scope: Scope, actor: Actor, rule: AssignmentRule): Promise<Team> {
  if (!rule.toOwnerId) return resolveTeam(scope.em, actor, { orgUnitId: rule.toOrgUnitId, salesTeamId: rule.toSalesTeamId }, `rule ${rule.priority}`);
  await requireOwnerInReach(scope.em, actor, rule.toOwnerId);
  return { key: `owner:${rule.toOwnerId}`, label: `rep ${rule.toOwnerId}`, memberIds: [rule.toOwnerId] };
}

/**
 * RULES: each lead to the first rule it matches, by priority, whose target has an eligible rep; a
 * rule whose reps are all away or full is passed over. A lead matching no rule refuses the call.
 */
async function rulesPlan(scope: Scope, actor: Actor): Promise<Plan> {
  const rules = await scope.em.find(AssignmentRule, {}, { orderBy: { priority: 'asc' } });
  const rotations = new Map<string, Rotation | NoEligibleRepException>();
  const rotationOf = async (rule: AssignmentRule) => {
    if (!rotations.has(rule.id)) {
      const team = await ruleTeam(scope, actor, rule);
      try {
        rotations.set(rule.id, await Rotation.of(scope.em, team, await eligibleReps(scope, team)));
      } catch (error) {
        if (!(error instanceof NoEligibleRepException)) throw error;
        rotations.set(rule.id, error);
      }
    }
    return rotations.get(rule.id)!;
  };
  const pickFor = async (lead: Lead): Promise<Pick | null> => {
    let passedOver: NoEligibleRepException | null = null;
    for (const rule of rules) {
      if (!matches(rule, lead)) continue;
      const rotation = await rotationOf(rule);
      if (rotation instanceof Rotation) return { ownerId: rotation.next(), reason: `rule ${rule.priority}: ${conditionsOf(rule)}` };
      passedOver = rotation;
    }
    if (passedOver) throw passedOver;
    return null;
  };
  return {
    strategy: AssignmentStrategy.Rules,
    async pick(em, leads) {
      const picks: (Pick | null)[] = [];
      for (const lead of leads) picks.push(await pickFor(lead));
      const unmatched = leads.filter((_lead, i) => !picks[i]).map((lead) => lead.id);
      if (unmatched.length) throw new NoRuleMatchesException(unmatched);
      for (const rotation of rotations.values()) if (rotation instanceof Rotation) await rotation.save(em);
      return picks as Pick[];
    },
  };
}

/** The plan of an assignment: reach and eligibility are checked here, before anything is written. */
export async function planFor(scope: Scope, actor: Actor, strategy: AssignmentStrategy, target: AssignmentTarget): Promise<Plan> {
  if (strategy === AssignmentStrategy.Rules) return rulesPlan(scope, actor);
  if (strategy === AssignmentStrategy.Manual) {
    const owner = await requireOwnerInReach(scope.em, actor, target.toOwnerId!);
    return { strategy, pick: async (_em, leads) => leads.map(() => ({ ownerId: owner.id, reason: 'chosen by hand' })) };
  }
  return teamPlan(scope, strategy, await resolveTeam(scope.em, actor, { orgUnitId: target.toOrgUnitId, salesTeamId: target.toSalesTeamId }, 'team'));
}

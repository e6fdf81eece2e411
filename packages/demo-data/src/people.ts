import type { Role } from '@crm/platform';
import type { DemoOrgUnit } from './org-tree';
import type { seededRandom } from './random';

/** The platform's roles, declared once (`ROLES`). */
export type DemoRole = Role;

export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  orgUnitId: string;
  orgPath: string;
  roles: DemoRole[];
  /** For assistants: the reps they support. */
  supports: string[];
  employmentStatus: 'PROBATION' | 'REGULAR';
}

/** Demo data only: every demo person signs in with this password. */
export const DEMO_PASSWORD = 'demo-password-2026';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '晨', '浩然', '子涵', '雨桐'];

export function personName(random: ReturnType<typeof seededRandom>): string {
  return random.pick(surnames) + random.pick(givenNames);
}

const REPS_PER_TEAM = 3;

/**
 * One admin at HQ, a manager per region and city, a lead and three reps per team (the third still
 * on probation), an assistant per city.
 */
export function buildPeople(units: readonly DemoOrgUnit[], random: ReturnType<typeof seededRandom>, at: Date): DemoUser[] {
  const people: DemoUser[] = [];
  const add = (handle: string, unit: DemoOrgUnit, roles: DemoRole[]) =>
    people.push({
      id: random.uuid(at),
      email: `${handle}@demo.crm`,
      displayName: personName(random),
      orgUnitId: unit.id,
      orgPath: unit.path,
      roles,
      supports: [],
      employmentStatus: 'REGULAR',
    });
  for (const unit of units) {
    const handle = unit.path.split('.').slice(1).join('.');
    if (unit.kind === 'HQ') add('admin', unit, ['ADMIN', 'MANAGER']);
    if (unit.kind === 'REGION' || unit.kind === 'CITY') add(`manager.${handle}`, unit, ['MANAGER']);
    if (unit.kind === 'CITY') add(`assistant.${handle}`, unit, ['ASSISTANT']);
    if (unit.kind === 'TEAM') {
      add(`lead.${handle}`, unit, ['TEAM_LEAD', 'REP']);
      for (let i = 1; i <= REPS_PER_TEAM; i += 1) add(`rep${i}.${handle}`, unit, ['REP']);
    }
  }
  for (const newcomer of people.filter((p) => p.email.startsWith(`rep${REPS_PER_TEAM}.`))) newcomer.employmentStatus = 'PROBATION';
  // Each city's assistant supports the reps of the city's first team.
  for (const assistant of people.filter((p) => p.roles.includes('ASSISTANT'))) {
    assistant.supports = people.filter((p) => p.orgPath === `${assistant.orgPath}.team1` && p.roles.includes('REP')).map((p) => p.id);
  }
  return people;
}

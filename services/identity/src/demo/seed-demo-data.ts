import { DEMO_PASSWORD, demoData } from '@crm/demo-data';
import { Events } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { OrgUnit, recordOrgUnitCreated } from '../modules/org-unit';
import { ProductLineRep, SalesTeam, SalesTeamMember, recordSalesTeamChanged } from '../modules/sales-team';
import { Position, User, hashPassword, recordUserEvent } from '../modules/user';

/** Seeds the org tree and people once; a second run finds them and does nothing. */
export async function seedDemoData(em: EntityManager): Promise<void> {
  if (await em.count(OrgUnit)) return;
  const data = demoData();
  // One hash for all demo people keeps seeding fast; real accounts each get their own salt.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await em.transactional(async (tx) => {
    const units = new Map(data.orgUnits.map((u) => [u.id, tx.create(OrgUnit, u)]));
    for (const unit of units.values()) recordOrgUnitCreated(tx, unit);
    // Ids are plain columns to the ORM, so it cannot order inserts by foreign key; units go first.
    await tx.flush();
    for (const person of data.users) {
      const { orgPath: _path, ...fields } = person;
      const user = tx.create(User, { ...fields, passwordHash });
      tx.create(Position, { userId: user.id, orgUnitId: user.orgUnitId, validFrom: user.createdAt });
      recordUserEvent(tx, Events.UserCreated, user, units.get(person.orgUnitId)!);
    }
    for (const { memberIds, productLines, ...fields } of data.salesTeams) {
      const team = tx.create(SalesTeam, fields);
      for (const userId of memberIds) tx.create(SalesTeamMember, { teamId: team.id, userId });
      for (const line of productLines) tx.create(ProductLineRep, { teamId: team.id, ...line });
      recordSalesTeamChanged(tx, team, memberIds);
    }
  });
}

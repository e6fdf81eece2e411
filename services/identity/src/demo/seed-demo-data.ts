import { DEMO_PASSWORD, demoData } from '@crm/demo-data';
import { Events } from '@crm/events';
import { createScope, type Scope } from '@crm/platform';
import { OrgUnit, recordOrgUnitCreated } from '../modules/org-unit';
import { ProductLineRep, SalesTeam, SalesTeamMember, recordSalesTeamChanged } from '../modules/sales-team';
import { TerritoryBinding } from '../modules/territory';
import { Position, User, hashPassword, recordUserEvent } from '../modules/user';

/**
 * Seeds the org tree, people and city territories once; a second run finds them and does nothing.
 * The system seeds, so nothing is audited; the events still flow, so other subgraphs learn of everyone.
 */
export async function seedDemoData(scope: Scope): Promise<void> {
  if (await scope.em.count(OrgUnit)) return;
  const data = demoData();
  const now = scope.clock.now();
  // One hash for all demo people keeps seeding fast; real accounts each get their own salt.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await scope.em.transactional(async (em) => {
    const tx = createScope({ ...scope, em });
    const units = new Map(data.orgUnits.map((u) => [u.id, em.create(OrgUnit, u)]));
    for (const unit of units.values()) recordOrgUnitCreated(tx, unit);
    // Ids are plain columns to the ORM, so it cannot order inserts by foreign key; units go first.
    await em.flush();
    for (const person of data.users) {
      const { orgPath: _path, ...fields } = person;
      const user = em.create(User, { ...fields, passwordHash, createdAt: now });
      em.create(Position, { userId: user.id, orgUnitId: user.orgUnitId, validFrom: now });
      recordUserEvent(tx, Events.UserCreated, user, units.get(person.orgUnitId)!);
    }
    for (const { memberIds, productLines, ...fields } of data.salesTeams) {
      const team = em.create(SalesTeam, { ...fields, createdAt: now });
      for (const userId of memberIds) em.create(SalesTeamMember, { teamId: team.id, userId });
      for (const line of productLines) em.create(ProductLineRep, { teamId: team.id, ...line });
      recordSalesTeamChanged(tx, team, memberIds, productLines);
    }
    for (const { divisionCode, orgUnitId } of data.territories) {
      em.create(TerritoryBinding, { divisionCode, orgUnitId, boundAt: now });
      tx.recordEvent({ type: Events.TerritoryBound, key: divisionCode, payload: { divisionCode, orgUnitId } });
    }
  });
}

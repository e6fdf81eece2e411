export { orgUnitModule } from './org-unit.module';
export { OrgUnit, OrgUnitSchema } from './org-unit.entity';
export { createOrgUnitLoaders } from './org-unit.loaders';
export { findOrgUnitInReach, isInActorSubtree, recordOrgUnitCreated, requireOpenOrgUnit, requireOrgUnit } from './org-unit.service';

export { OrgUnit, OrgUnitSchema, type OrgUnitKind } from './org-unit.entity';
export { createOrgUnitLoaders } from './org-unit.loaders';
export { orgUnitResolvers } from './org-unit.resolvers';
export { recordOrgUnitCreated, requireOpenOrgUnit, requireOrgUnit } from './org-unit.service';

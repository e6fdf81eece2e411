/**
 * `@crm/identity/replica`: what identity publishes for the other subgraphs to keep and apply
 * locally — its replica (people, units, teams, leave, territories) and its rules over it. A
 * subgraph lists `identityReplica` among its modules and `actorFromReplica` as its currentActor.
 * Inside identity the same rules read `directory_*` views over identity's own tables.
 */
export { identityReplica, replicaTerritoryTables } from './identity-replica';
export { actorFromDirectory as actorFromReplica, readDirectoryActor } from './directory-actor';
export { DirectoryUser } from './directory.entities';
export { directoryHandlerLookups } from './directory-handler-lookups';
export { repsForProductLines } from './product-line-reps';
export { resolveHandler, type HandlerLookups, type HandlerRoute } from './handler-fallback';
export { rehomeSubtree } from './rehome-subtree';
export {
  OwnerOutOfReachException,
  SalesTeamOutOfReachException,
  UnknownOwnerException,
  UnknownSalesTeamException,
  requireOwnerInReach,
  requireSalesTeamInReach,
} from './owner-access';
export { canReach, visibilityOf, visibleOwnerCondition, visibleOwnerConditionFor, type Visibility } from './visibility';
export { divisionChain, findDivision, leadingPlace, leafDivisionsUnder, type Division } from './divisions';
export { territoryOwnerOf, type TerritoryLocation, type TerritoryTables } from './territory-resolution';
export { OutOfTerritoryException, TerritoryOverrideNotAllowedException, requireOwnerInTerritory, type TerritoryCheck } from './territory-access';

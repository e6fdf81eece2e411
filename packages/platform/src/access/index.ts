export { actorFromDirectory } from './directory-actor';
export { directory } from './directory';
export { DirectoryUser, directoryEntities } from './directory.entities';
export { directoryHandlerLookups } from './directory-handler-lookups';
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
export { canReach, visibilityOf, visibleOwnerCondition, visibleOwnerConditionFor, type RowCondition, type Visibility } from './visibility';

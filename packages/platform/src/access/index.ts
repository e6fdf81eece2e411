export { DirectoryUser, DirectoryUserSchema } from './directory-user.entity';
export { directoryConsumer } from './directory.consumer';
export { directoryMigration } from './directory.migration';
export { resolveHandler, type HandlerLookups, type HandlerRoute } from './handler-fallback';
export { rehomeSubtree } from './rehome-subtree';
export { OwnerOutOfReachException, UnknownOwnerException, isActiveInDirectory, requireOwnerInReach } from './owner-access';
export { canReach, visibilityOf, visibleOwnerCondition, visibleOwnerConditionFor, type RowCondition, type Visibility } from './visibility';

export { requireActor, requireRole, type Actor } from './actor';
export { AuthKeys, type AuthKeyPem } from './auth-keys';
export { requireSignInPlugin } from './require-sign-in.plugin';
export { ROLES, knownRoles, type Role } from './roles';

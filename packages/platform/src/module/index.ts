export { defineModule, type ModuleDefinition } from './module-definition';
export { definePermissions, type Permissions } from './permissions';

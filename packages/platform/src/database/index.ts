export { createOrm, type OrmOptions } from './create-orm';
export { ensureDatabase } from './ensure-database';
export { newId, type EntityRef } from './ids';
export { entityLoader, isUuid } from './entity-loader';
export { sqlRows } from './sql-rows';
export type { RowCondition } from './row-condition';

export { AuditEntry, AuditEntrySchema } from './audit-entry.entity';
export { auditMigrations } from './audit.migration';
export { auditEntryResolvers, auditTrailResolver } from './audit.resolvers';
export { auditTrailOf, stageAuditEntry, type AuditChange, type AuditSource } from './audit-trail';

export { leadImportModule } from './lead-import.module';
export { LeadImport, LeadImportError } from './lead-import.entity';

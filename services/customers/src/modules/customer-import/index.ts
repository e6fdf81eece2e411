export { customerImportModule } from './customer-import.module';
export { CustomerImport, CustomerImportError } from './customer-import.entity';

import { uploadMigrations } from '@crm/platform';
import { Migration20261127210000CustomerImport } from './Migration20261127210000CustomerImport';

export const customerImportMigrations = [...uploadMigrations, { name: 'Migration20261127210000CustomerImport', class: Migration20261127210000CustomerImport }];

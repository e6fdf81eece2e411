import { Migration20261125200000Customer } from './Migration20261125200000Customer';
import { Migration20261125230000CustomerRecord } from './Migration20261125230000CustomerRecord';
import { Migration20261125233000CustomerMatchText } from './Migration20261125233000CustomerMatchText';
import { Migration20261125235000CustomerMerge } from './Migration20261125235000CustomerMerge';
import { Migration20261126000000CustomerSearch } from './Migration20261126000000CustomerSearch';

/** Oldest first; a new migration is appended, never edited in. */
export const customerMigrations = [
  { name: 'Migration20261125200000Customer', class: Migration20261125200000Customer },
  { name: 'Migration20261125230000CustomerRecord', class: Migration20261125230000CustomerRecord },
  { name: 'Migration20261125233000CustomerMatchText', class: Migration20261125233000CustomerMatchText },
  { name: 'Migration20261125235000CustomerMerge', class: Migration20261125235000CustomerMerge },
  { name: 'Migration20261126000000CustomerSearch', class: Migration20261126000000CustomerSearch },
];

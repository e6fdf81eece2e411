import { Migration20261123000100Identity } from './Migration20261123000100Identity';
import { Migration20261123000200OrgTree } from './Migration20261123000200OrgTree';
import { Migration20261123000300Sessions } from './Migration20261123000300Sessions';
import { Migration20261123000400Positions } from './Migration20261123000400Positions';
import { Migration20261123000500LocationConsent } from './Migration20261123000500LocationConsent';
import { Migration20261123000600Territories } from './Migration20261123000600Territories';
import { Migration20261123000700TeamsAndLeave } from './Migration20261123000700TeamsAndLeave';
import { Migration20261123000800Assistants } from './Migration20261123000800Assistants';
import { Migration20261123000900OpenWork } from './Migration20261123000900OpenWork';
import { Migration20261123001000TerritoryAreas } from './Migration20261123001000TerritoryAreas';
import { Migration20261123001100EmploymentStatus } from './Migration20261123001100EmploymentStatus';

/** Oldest first; a new migration is appended, never edited in. */
export const migrations = [
  { name: 'Migration20261123000100Identity', class: Migration20261123000100Identity },
  { name: 'Migration20261123000200OrgTree', class: Migration20261123000200OrgTree },
  { name: 'Migration20261123000300Sessions', class: Migration20261123000300Sessions },
  { name: 'Migration20261123000400Positions', class: Migration20261123000400Positions },
  { name: 'Migration20261123000500LocationConsent', class: Migration20261123000500LocationConsent },
  { name: 'Migration20261123000600Territories', class: Migration20261123000600Territories },
  { name: 'Migration20261123000700TeamsAndLeave', class: Migration20261123000700TeamsAndLeave },
  { name: 'Migration20261123000800Assistants', class: Migration20261123000800Assistants },
  { name: 'Migration20261123000900OpenWork', class: Migration20261123000900OpenWork },
  { name: 'Migration20261123001000TerritoryAreas', class: Migration20261123001000TerritoryAreas },
  { name: 'Migration20261123001100EmploymentStatus', class: Migration20261123001100EmploymentStatus },
];

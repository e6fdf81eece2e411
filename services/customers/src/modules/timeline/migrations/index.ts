import { Migration20261126100000Timeline } from './Migration20261126100000Timeline';
import { Migration20261130100000TimelineOrders } from './Migration20261130100000TimelineOrders';

/** Oldest first; a new migration is appended, never edited in. */
export const timelineMigrations = [
  { name: 'Migration20261126100000Timeline', class: Migration20261126100000Timeline },
  { name: 'Migration20261130100000TimelineOrders', class: Migration20261130100000TimelineOrders },
];

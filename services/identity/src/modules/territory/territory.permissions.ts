import { definePermissions } from '@crm/platform';

/** Who may draw the territory map (ORG-3) and read its health reports; finding a location's owner is open to everyone signed in. */
export const territoryPermissions = definePermissions({
  'territory.bind': ['ADMIN'],
  'territory.unbind': ['ADMIN'],
  'territory.coverage_report': ['ADMIN', 'MANAGER'],
  'territory_area.bind': ['ADMIN'],
  'territory_area.unbind': ['ADMIN'],
  'territory_area.overlap_report': ['ADMIN', 'MANAGER'],
});

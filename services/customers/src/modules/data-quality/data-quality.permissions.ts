import { definePermissions } from '@crm/platform';

/** Who may change how data quality is measured (CUS-7); who sees the figures follows the org tree (ORG-2). */
export const dataQualityPermissions = definePermissions({
  'data_quality.configure': ['ADMIN'],
});

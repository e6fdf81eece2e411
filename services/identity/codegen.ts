import { subgraphCodegen } from '../../scripts/subgraph-codegen';

export default subgraphCodegen('identity', {
  User: '../modules/user#User as UserEntity',
  OrgUnit: '../modules/org-unit#OrgUnit as OrgUnitEntity',
  SalesTeam: '../modules/sales-team#SalesTeam as SalesTeamEntity',
  TerritoryArea: '../modules/territory#TerritoryArea as TerritoryAreaEntity',
});

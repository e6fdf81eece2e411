/** One topic per aggregate type, owned by the subgraph that owns the aggregate. */
export const Topics = {
  Users: 'crm.identity.users',
  OrgUnits: 'crm.identity.org-units',
  SalesTeams: 'crm.identity.sales-teams',
  Territories: 'crm.identity.territories',
  Customers: 'crm.customers.customers',
  Leads: 'crm.funnel.leads',
  Opportunities: 'crm.funnel.opportunities',
  Pools: 'crm.funnel.pools',
  Orders: 'crm.funnel.orders',
  Complaints: 'crm.service.complaints',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly Topic[] = Object.values(Topics);

/** Topics are named `crm.<owning subgraph>.<aggregate>`; the owner is the only producer. */
export const topicsOwnedBy = (subgraph: string): Topic[] => allTopics.filter((topic) => topic.split('.')[1] === subgraph);

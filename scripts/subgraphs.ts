/** The subgraphs and where each listens by default; one list for composition, the local stack and docs. */
export const subgraphs = [
  { name: 'identity', port: 4001 },
  { name: 'customers', port: 4002 },
  { name: 'funnel', port: 4003 },
  { name: 'service', port: 4004 },
  { name: 'analytics', port: 4005 },
] as const;

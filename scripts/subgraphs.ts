/**
 * The one list of subgraphs. Everything that names every subgraph follows it:
 * - derived when read: the supergraph's composition (`compose-supergraph.ts`), the gateway's
 *   `SUBGRAPH_URL_<NAME>` variables (from the supergraph), jest's workspace map (from `services/*`),
 *   the k8s manifest test's workloads;
 * - generated from it by `npm run compose` and checked by `npm run compose:check` (CI): the local
 *   stack's start order, ports and dependencies, `deploy/postgres/init.sql`, the subgraph services
 *   and the gateway's URLs and `depends_on` in `docker-compose.yml`, and the k8s base's resources
 *   and gateway URLs (see `subgraph-files.ts`).
 * `npm run new:subgraph <name>` appends to it; order is start order (identity's people first).
 */
export interface SubgraphEntry {
  /** Lower-case kebab: its folder under `services/`, package `@crm/<name>`, database `crm_<name>`, topics `crm.<name>.*`. */
  name: string;
  /** Where it listens when the gateway is on `gatewayPort`; the local stack keeps the same offset from another gateway port. */
  port: number;
  /** Holds the private key and signs access tokens (identity only). */
  signsTokens?: boolean;
}

export const gatewayPort = 4000;

export const subgraphs: readonly SubgraphEntry[] = [
  { name: 'identity', port: 4001, signsTokens: true },
  { name: 'customers', port: 4002 },
  { name: 'funnel', port: 4003 },
  { name: 'service', port: 4004 },
  { name: 'analytics', port: 4005 },
];

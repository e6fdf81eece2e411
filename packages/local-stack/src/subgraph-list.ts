// Generated from scripts/subgraphs.ts by `npm run compose`; edit the list, not these lines.
import type { SubgraphDefinition } from '@crm/platform';
import { identitySubgraph } from '@crm/identity';
import { customersSubgraph } from '@crm/customers';
import { funnelSubgraph } from '@crm/funnel';
import { serviceSubgraph } from '@crm/service';
import { analyticsSubgraph } from '@crm/analytics';

/** The gateway port the listed subgraph ports go with; another gateway port shifts them all alike. */
export const listedGatewayPort = 4000;

/** Every subgraph with its listed port, in the order they start and seed: identity's people before anyone's customers. */
export const subgraphList: readonly { definition: SubgraphDefinition; port: number }[] = [
  { definition: identitySubgraph, port: 4001 },
  { definition: customersSubgraph, port: 4002 },
  { definition: funnelSubgraph, port: 4003 },
  { definition: serviceSubgraph, port: 4004 },
  { definition: analyticsSubgraph, port: 4005 },
];

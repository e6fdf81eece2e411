import { runSubgraph } from '@crm/platform';
import { funnelSubgraph } from './index';

void runSubgraph(funnelSubgraph);

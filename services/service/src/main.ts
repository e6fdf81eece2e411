import { runSubgraph } from '@crm/platform';
import { serviceSubgraph } from './index';

void runSubgraph(serviceSubgraph);

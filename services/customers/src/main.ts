import { runSubgraph } from '@crm/platform';
import { customersSubgraph } from './index';

void runSubgraph(customersSubgraph);

import { runSubgraph } from '@crm/platform';
import { analyticsSubgraph } from './index';

void runSubgraph(analyticsSubgraph);

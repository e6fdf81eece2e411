import { runSubgraph } from '@crm/platform';
import { identitySubgraph } from './index';

void runSubgraph(identitySubgraph);

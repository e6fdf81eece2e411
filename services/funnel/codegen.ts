import { subgraphCodegen } from '../../scripts/subgraph-codegen';

export default subgraphCodegen('funnel', { Lead: '../modules/lead#Lead as LeadEntity' }, ['Customer', 'User']);

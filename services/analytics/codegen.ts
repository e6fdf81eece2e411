import { subgraphCodegen } from '../../scripts/subgraph-codegen';

export default subgraphCodegen('analytics', {}, ['User']);

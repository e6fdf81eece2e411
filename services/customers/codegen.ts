import { subgraphCodegen } from '../../scripts/subgraph-codegen';

export default subgraphCodegen('customers', { Customer: '../modules/customer#Customer as CustomerEntity' }, ['User']);

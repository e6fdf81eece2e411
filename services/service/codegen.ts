import { subgraphCodegen } from '../../scripts/subgraph-codegen';

export default subgraphCodegen('service', { Complaint: '../modules/complaint#Complaint as ComplaintEntity' }, ['Customer', 'User']);

import { subgraphCodegen } from '../../scripts/subgraph-codegen';

export default subgraphCodegen('customers', {
  Contact: '../modules/contact#Contact as ContactEntity',
  Customer: '../modules/customer#Customer as CustomerEntity',
  CustomFieldDefinition: '../modules/custom-field#CustomFieldDefinition as CustomFieldDefinitionEntity',
  CustomFieldValue: '../modules/custom-field#CustomFieldValue as CustomFieldValueModel',
  DuplicateCandidate: '../modules/duplicate-review#DuplicateCandidate as DuplicateCandidateModel',
  DuplicateReview: '../modules/duplicate-review#DuplicateReview as DuplicateReviewEntity',
  CustomerImport: '../modules/customer-import#CustomerImport as CustomerImportEntity',
  ImportRowError: '../modules/customer-import#CustomerImportError as CustomerImportErrorEntity',
}, ['User']);

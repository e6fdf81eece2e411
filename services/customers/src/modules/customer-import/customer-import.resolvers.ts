import { appendUploadChunk, beginUpload, JobRecord, parsePageArgs } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { findImport, importErrorReport, importErrors, startImport } from './customer-import.service';

export const customerImportResolvers: Resolvers = {
  Query: {
    customerImport: (_root, { id }, context) => findImport(context, id),
  },
  Mutation: {
    beginCustomerImportUpload: (_root, { input }, context) => beginUpload(context, input),
    appendCustomerImportChunk: (_root, { input }, context) => appendUploadChunk(context, input),
    importCustomers: (_root, { input }, context) => startImport(context, context.startJob, input),
  },
  CustomerImport: {
    owner: (record) => ({ __typename: 'User', id: record.ownerId }),
    job: (record, _args, { em }) => (record.jobId ? em.findOne(JobRecord, { id: record.jobId }) : null),
    errors: (record, args, { em }) => importErrors(em, record, parsePageArgs(args)),
    errorReport: (record, _args, { em }) => importErrorReport(em, record),
  },
};

import { appendUploadChunk, beginUpload, JobRecord, parsePageArgs } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { findImport, importErrorReport, importErrors, startImport } from './lead-import.service';

export const leadImportResolvers: Resolvers = {
  Query: {
    leadImport: (_root, { id }, context) => findImport(context, id),
  },
  Mutation: {
    beginLeadImportUpload: (_root, { input }, context) => beginUpload(context, input),
    appendLeadImportChunk: (_root, { input }, context) => appendUploadChunk(context, input),
    importLeads: (_root, { input }, context) => startImport(context, context.startJob, input),
  },
  LeadImport: {
    owner: (record) => ({ id: record.ownerId }),
    job: (record, _args, { em }) => (record.jobId ? em.findOne(JobRecord, { id: record.jobId }) : null),
    errors: (record, args, { em }) => importErrors(em, record, parsePageArgs(args)),
    errorReport: (record, _args, { em }) => importErrorReport(em, record),
  },
};

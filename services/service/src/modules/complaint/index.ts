export { Complaint, ComplaintSchema, type ComplaintSeverity, type ComplaintStatus } from './complaint.entity';
export { createComplaintLoaders } from './complaint.loaders';
export { complaintResolvers } from './complaint.resolvers';
export { complaintHandoverConsumer } from './complaint-handover.consumer';
export { recordComplaintFiled } from './complaint.service';

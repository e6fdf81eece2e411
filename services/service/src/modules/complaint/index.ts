export { complaintModule } from './complaint.module';
export { Complaint, ComplaintSchema } from './complaint.entity';
export { createComplaintLoaders, type ComplaintLoaders } from './complaint.loaders';
export { recordComplaintFiled } from './complaint.service';

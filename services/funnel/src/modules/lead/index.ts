export { leadModule } from './lead.module';
export { Lead, LeadSchema, OPEN_LEAD_STATUSES, type CleaningNote } from './lead.entity';
export { createLeadLoaders, type LeadLoaders } from './lead.loaders';
export { newLead, recordLeadCreated } from './lead.service';
export { cleanIntake, findMatches, identitiesOf, INVALID_PHONE_HANDLING, judge, leadIntakeInput, type CleanLead, type InvalidPhoneHandling, type LeadIntake, type Verdict } from './lead-cleaning';
export { markVerified } from './lead-verification';

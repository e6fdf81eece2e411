export { leadModule } from './lead.module';
export { Lead, LeadSchema, OPEN_LEAD_STATUSES, type CleaningNote } from './lead.entity';
export { createLeadLoaders, visibleLeads, type LeadLoaders } from './lead.loaders';
export { changeLeadOwner, newLead, recordLeadCreated } from './lead.service';
export { LeadNotFoundException, LeadNotVerifiedException } from './lead.exception';
export { cleanIntake, findMatches, identitiesOf, INVALID_PHONE_HANDLING, judge, leadIntakeInput, type CleanLead, type InvalidPhoneHandling, type LeadIntake, type Verdict } from './lead-cleaning';
export { markVerified } from './lead-verification';

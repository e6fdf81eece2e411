export { contactModule } from './contact.module';
export { Contact, ContactSchema } from './contact.entity';
export { createContactLoaders, type ContactLoaders } from './contact.loaders';
export { contactMergeConsumer } from './contact-merge.consumer';
export { contactFields } from './contact.service';

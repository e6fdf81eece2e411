import { defineModule } from '@crm/platform';
import { contactMergeConsumer } from './contact-merge.consumer';
import { ContactSchema } from './contact.entity';
import { contactResolvers } from './contact.resolvers';
import { contactMigrations } from './migrations';

/** CUS-1: the people at a customer — name, title, phones, e-mail, WeChat, birthday, decision role — and its primary contact. */
export const contactModule = defineModule({
  name: 'contact',
  entities: [ContactSchema],
  migrations: contactMigrations,
  resolvers: [contactResolvers],
  consumers: [contactMergeConsumer],
});

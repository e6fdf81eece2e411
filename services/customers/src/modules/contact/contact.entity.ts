import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { DecisionRole } from '../../generated/graphql';

/** A person at a customer (CUS-1); at most one contact of a customer is its primary one. */
export class Contact {
  [OptionalProps]?: 'id' | 'primary';
  id: string = newId();
  customerId!: string;
  name!: string;
  title: string | null = null;
  /** A mainland mobile, its 11 national digits (`checkMobile`). */
  mobile: string | null = null;
  landline: string | null = null;
  email: string | null = null;
  wechatId: string | null = null;
  /** 'YYYY-MM-DD'. */
  birthday: string | null = null;
  decisionRole: DecisionRole | null = null;
  primary = false;
  createdById!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ContactSchema = new EntitySchema<Contact>({
  class: Contact,
  tableName: 'contact',
  properties: {
    id: { type: 'uuid', primary: true },
    customerId: { type: 'uuid' },
    name: { type: 'text' },
    title: { type: 'text', nullable: true },
    mobile: { type: 'text', nullable: true },
    landline: { type: 'text', nullable: true },
    email: { type: 'text', nullable: true },
    wechatId: { type: 'text', nullable: true },
    birthday: { type: 'date', nullable: true },
    decisionRole: { type: 'string', nullable: true },
    primary: { type: 'boolean', fieldName: 'is_primary' },
    createdById: { type: 'uuid' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

/** The fields a contact's audit entries show before and after a change. */
export const CONTACT_FIELDS = ['name', 'title', 'mobile', 'landline', 'email', 'wechatId', 'birthday', 'decisionRole', 'primary'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

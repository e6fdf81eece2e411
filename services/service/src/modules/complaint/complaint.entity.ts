import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { ComplaintStatus, type ComplaintSeverity } from '../../generated/graphql';

export class Complaint {
  [OptionalProps]?: 'id' | 'status' | 'handlerId';
  id: string = newId();
  subject!: string;
  description!: string;
  severity!: ComplaintSeverity;
  status: ComplaintStatus = ComplaintStatus.Open;
  /** A customer in the customers subgraph. */
  customerId!: string;
  /** The person who recorded it (a user in identity). */
  filedById!: string;
  /** Who works it: whoever handled the customer's work when it was filed (ORG-5). */
  handlerId: string | null = null;
  /** The scope's clock, never the wall clock. */
  createdAt!: Date;
}

export const ComplaintSchema = new EntitySchema<Complaint>({
  class: Complaint,
  tableName: 'complaint',
  properties: {
    id: { type: 'uuid', primary: true },
    subject: { type: 'string' },
    description: { type: 'text' },
    severity: { type: 'string' },
    status: { type: 'string' },
    customerId: { type: 'uuid' },
    filedById: { type: 'uuid' },
    handlerId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

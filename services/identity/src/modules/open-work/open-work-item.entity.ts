import { EntitySchema } from '@mikro-orm/core';

export type OpenWorkKind = 'CUSTOMER' | 'LEAD' | 'COMPLAINT';

/**
 * Who holds each piece of open work in the other subgraphs, learnt from their events. Identity
 * needs it to refuse closing a unit while work still hangs on its people, without calling them.
 */
export class OpenWorkItem {
  kind!: OpenWorkKind;
  recordId!: string;
  holderId!: string;
}

export const OpenWorkItemSchema = new EntitySchema<OpenWorkItem>({
  class: OpenWorkItem,
  tableName: 'open_work_item',
  properties: {
    kind: { type: 'text', primary: true },
    recordId: { type: 'uuid', primary: true },
    holderId: { type: 'uuid' },
  },
});

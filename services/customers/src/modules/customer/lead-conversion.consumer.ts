import { Events, type EventConsumer, type EventPayload } from '@crm/events';
import { createScope, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { CustomerKind, IdentityKeyKind } from '../../generated/graphql';
import { newCustomer } from './customer-bulk-create';
import { addIdentityKeys, findKeyHolder, parseIdentityKeys } from './customer-record';
import { Customer } from './customer.entity';
import { recordCustomerCreated } from './customer.service';

type Converted = NonNullable<EventPayload<typeof Events.LeadConverted>['newCustomer']>;

/**
 * The converting person acts, at the moment of the conversion, so a redelivery or replay records
 * the same. Only who they are is used: funnel checked what they see and the territory then.
 */
function conversionScope(em: EntityManager, convertedById: string, time: string): Scope {
  const actor: Actor = { userId: convertedById, orgUnitId: '', orgPath: '', roles: [] };
  return createScope({ subgraph: 'customers', em, actor, clock: { now: () => new Date(time) } });
}

const keysOf = (converted: Converted) => [
  ...(converted.mobile ? [{ kind: IdentityKeyKind.Mobile, value: converted.mobile }] : []),
  ...(converted.uscc ? [{ kind: IdentityKeyKind.Uscc, value: converted.uscc }] : []),
];

/**
 * FUN-2 through customers' event contract: a converted lead's new customer is created under the id
 * funnel assigned, as createCustomer would (keys, events). One whose key another customer already
 * holds is not created twice (CUS-3): customer.conversion_linked tells funnel to use that one.
 * An id that exists already (a redelivery) changes nothing.
 */
export const leadConversionConsumer: EventConsumer = {
  name: 'customer-lead-conversion',
  handlers: {
    [Events.LeadConverted]: async (em, { customerId, ownerId, convertedById, newCustomer: converted }, envelope) => {
      if (!converted || (await em.findOne(Customer, { id: customerId }))) return;
      const scope = conversionScope(em, convertedById, envelope.time);
      const kind = converted.kind as CustomerKind;
      const keys = parseIdentityKeys(kind, keysOf(converted), scope.clock.now());
      const holder = await findKeyHolder(em, scope.actor!, keys);
      if (holder) {
        scope.recordEvent({ type: Events.CustomerConversionLinked, key: customerId, payload: { customerId, existingCustomerId: holder.customer_id } });
        await em.flush();
        return;
      }
      const customer = Object.assign(newCustomer(scope, { name: converted.name, kind, divisionCode: converted.divisionCode, point: null }, ownerId), { id: customerId });
      em.persist(customer);
      recordCustomerCreated(scope, customer);
      addIdentityKeys(scope, customer.id, keys);
      await em.flush();
    },
  },
};

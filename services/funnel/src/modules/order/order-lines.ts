import { creditLimitsOfMany, CustomerNotVisibleException, groupMembersOf, orderPartiesOf, visibleCustomerCondition, type CreditLimits } from '@crm/customers/replica';
import { pgArray } from '@crm/events';
import { repsForProductLines } from '@crm/identity/replica';
import { fields, Money, NotFoundException, parseInput, shanghaiDate, sqlRows, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { LineAttribution, PriceSource, ProductKind } from '../../generated/graphql';
import { visibleOpportunities } from '../opportunity';
import { moneyInput, priceOf, pricesFor, productsForSale, type Product } from '../product';
import type { CreditCheckFigures } from './order.entity';
import { InvalidOrderInputException } from './order.exception';

export const MAX_ORDER_LINES = 200;

/** A line as it would be sold: priced, costed and credited, before anything is saved. */
export interface LinePreview {
  productId: string;
  productKind: ProductKind;
  productLine: string;
  /** Index in the order's lines of the product a warranty or service is sold with. */
  mainLine: number | null;
  quantity: number;
  unitPrice: Money;
  bookPrice: Money;
  priceSource: PriceSource;
  priceBookId: string | null;
  amount: Money;
  unitCost: Money;
  cost: Money;
  repId: string;
  attribution: LineAttribution;
}

/** An order as it would be placed (ANA-3's forecast at entry): what createOrder saves as is. */
export interface OrderDraft {
  customerId: string;
  shipToId: string;
  billToId: string;
  billToLimits: CreditLimits;
  paymentTermDays: number;
  opportunityId: string | null;
  note: string | null;
  place: boolean;
  lines: LinePreview[];
  amount: Money;
  cost: Money;
}

export interface OrderPreview extends OrderDraft {
  creditCheck: CreditCheckFigures;
}

export const orderInput = z.object({
  customerId: fields.id('customerId'),
  shipToId: fields.id('shipToId').nullish(),
  billToId: fields.id('billToId').nullish(),
  paymentTermDays: z.number().int().min(0).max(365).nullish(),
  opportunityId: fields.id('opportunityId').nullish(),
  note: fields.text(1000).nullish(),
  place: z.boolean().nullish(),
  lines: z
    .array(z.object({ productId: fields.id('productId'), quantity: z.number().int(), unitPrice: moneyInput.nullish(), mainLine: z.number().int().nullish() }))
    .min(1, 'an order has at least one line')
    .max(MAX_ORDER_LINES, `at most ${MAX_ORDER_LINES} lines`),
});

type OrderInput = z.infer<typeof orderInput>;
type LineInput = OrderInput['lines'][number];

/** Quantities and agreed prices are checked before anything is read. */
function checkLineFigures(lines: readonly LineInput[]): (Money | null)[] {
  return lines.map((line, index) => {
    if (line.quantity < 1) throw new InvalidOrderInputException(`lines.${index}.quantity`, 'INVALID_QUANTITY', `${line.quantity} is not a quantity; sell 1 or more.`);
    return line.unitPrice == null ? null : priceOf(line.unitPrice, `lines.${index}.unitPrice`);
  });
}


interface Parties {
  shipToId: string;
  billToId: string;
  /** The ordering customer's group: whose price book applies. */
  groupId: string;
  /** What the bill-to party's credit check meets, read once for the preview and the placement. */
  billToLimits: CreditLimits;
}

/** CUS-4: the parties default from the customer's group; one given must belong to that group. */
async function partiesOf(em: EntityManager, customerId: string, given: Pick<OrderInput, 'shipToId' | 'billToId'>): Promise<Parties> {
  const defaults = await orderPartiesOf(em, customerId);
  const shipToId = given.shipToId?.toLowerCase() ?? defaults.shipToId;
  const billToId = given.billToId?.toLowerCase() ?? defaults.billToId;
  const limits = await creditLimitsOfMany(em, [customerId, billToId]);
  const { groupId } = limits.get(customerId)!.group;
  if (given.shipToId || given.billToId) {
    const members = new Set(await groupMembersOf(em, groupId));
    for (const [field, id] of [['shipToId', shipToId], ['billToId', billToId]] as const) {
      if (id !== customerId && !members.has(id)) throw new InvalidOrderInputException(field, 'INVALID_PARTY', `${id} is not in the ordering customer's group; ship and bill within the group.`);
    }
  }
  return { shipToId, billToId, groupId, billToLimits: limits.get(billToId)! };
}

interface Sharing {
  ownerId: string;
  teamId: string | null;
  leaderId: string | null;
  /** Product line id → code: what the team's map is read for. */
  lineCodes: Record<string, string>;
}

/**
 * In one statement: the customer as the actor may see it (else NOT_FOUND, as for one that does not
 * exist), who owns it and which team shares it, and the codes of the given product lines.
 */
async function sharingOf(em: EntityManager, actor: Actor, customerId: string, productLineIds: readonly string[]): Promise<Sharing> {
  const visible = visibleCustomerCondition(actor, 'customer_id');
  const [row] = await sqlRows<{ owner_id: string; sales_team_id: string | null; leader_id: string | null; codes: Record<string, string> | null }>(
    em,
    `select co.owner_id, co.sales_team_id, t.leader_id, (select json_object_agg(l.id, l.code) from product_line l where l.id = any(?::uuid[])) as codes
       from customer_owner co left join directory_sales_team t on t.id = co.sales_team_id
      where co.customer_id = ? and ${visible.sql}`,
    [pgArray(productLineIds), customerId, ...visible.params],
  );
  if (!row) throw new CustomerNotVisibleException(customerId);
  return { ownerId: row.owner_id, teamId: row.sales_team_id, leaderId: row.leader_id, lineCodes: row.codes ?? {} };
}

/** An order may name the opportunity it closes: one of this customer's that the actor sees. */
async function requireOpportunityOf(em: EntityManager, actor: Actor, customerId: string, opportunityId: string): Promise<void> {
  const visible = visibleOpportunities(actor);
  const rows = await sqlRows(em, `select 1 from opportunity where id = ? and customer_id = ? and (${visible.sql})`, [opportunityId, customerId, ...visible.params]);
  if (!rows.length) throw new NotFoundException(`opportunityId: no opportunity ${opportunityId} of this customer that you can see.`, 'OPPORTUNITY_NOT_FOUND');
}

interface Credit {
  repId: string;
  attribution: LineAttribution;
}

/**
 * ORG-4: who is credited with each product line of this customer's order — its owner, or for a
 * customer a sales team shares, the member the team's map names (the leader for the rest).
 */
async function creditsFor(em: EntityManager, sharing: Sharing, productLines: readonly string[]): Promise<Map<string, Credit>> {
  if (!sharing.teamId || !sharing.leaderId) return new Map(productLines.map((line) => [line, { repId: sharing.ownerId, attribution: LineAttribution.Owner }]));
  const reps = await repsForProductLines(em, sharing.teamId, productLines);
  return new Map(productLines.map((line) => [line, { repId: reps.get(line)!, attribution: reps.get(line) === sharing.leaderId ? LineAttribution.TeamLeader : LineAttribution.ProductLineMap }]));
}

/**
 * FUN-11 and ANA-3: the order as it would be sold today — priced from the book for the customer's
 * group unless a line gives its agreed price, each line's standard cost snapshotted, credited to
 * its rep (a warranty or service to its product's), with the totals. Reads only; refuses bad input
 * with the field and a stable reason.
 */
export async function draftOrder(scope: Scope, actor: Actor, input: unknown): Promise<OrderDraft> {
  const data = parseInput(orderInput, input);
  const agreedPrices = checkLineFigures(data.lines);
  const { em } = scope;
  const customerId = data.customerId.toLowerCase();
  const products = await productsForSale(em, data.lines.map((line) => ({ productId: line.productId.toLowerCase(), mainLine: line.mainLine })));
  const sharing = await sharingOf(em, actor, customerId, [...new Set(products.map((product) => product.lineId))]);
  const parties = await partiesOf(em, customerId, data);
  if (data.opportunityId) await requireOpportunityOf(em, actor, customerId, data.opportunityId.toLowerCase());
  const on = shanghaiDate(scope.clock.now());
  const prices = await pricesFor(em, data.lines.map((line) => ({ productId: line.productId.toLowerCase(), customerGroupId: parties.groupId, on })));
  const codeOf = (product: Product) => sharing.lineCodes[product.lineId]!;
  const credits = await creditsFor(em, sharing, [...new Set(products.map(codeOf))]);
  const lines = data.lines.map((line, index): LinePreview => {
    const price = prices[index]!;
    const unitPrice = agreedPrices[index] ?? price.price;
    const product = products[index]!;
    return {
      productId: product.id,
      productKind: product.kind,
      productLine: codeOf(product),
      mainLine: line.mainLine ?? null,
      quantity: line.quantity,
      unitPrice,
      bookPrice: price.price,
      priceSource: price.source,
      priceBookId: price.priceBookId,
      amount: unitPrice.times(line.quantity),
      unitCost: price.standardCost,
      cost: price.standardCost.times(line.quantity),
      ...credits.get(codeOf(product))!,
    };
  });
  for (const line of lines) if (line.mainLine !== null) Object.assign(line, { repId: lines[line.mainLine]!.repId, attribution: LineAttribution.MainProduct });
  return {
    customerId,
    shipToId: parties.shipToId,
    billToId: parties.billToId,
    billToLimits: parties.billToLimits,
    paymentTermDays: data.paymentTermDays ?? 30,
    opportunityId: data.opportunityId?.toLowerCase() ?? null,
    note: data.note ?? null,
    place: data.place ?? false,
    lines,
    amount: Money.sum(lines.map((line) => line.amount)),
    cost: Money.sum(lines.map((line) => line.cost)),
  };
}

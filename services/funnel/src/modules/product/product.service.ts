import { fields, findPage, parseInput, requireActor, type Connection, type PageRequest, type RowCondition, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { ProductKind } from '../../generated/graphql';
import { changedFields, flushUnique, moneyInput, priceOf } from './catalogue-write';
import { Product, ProductCategory, ProductLine } from './product.entity';
import { CatalogueConflictException, CatalogueNotFoundException, InvalidProductInputException } from './product.exception';
import { productPermissions } from './product.permissions';

export const MAX_ATTACHMENTS = 100;

const attachableToIds = z.array(fields.id('attachableToIds')).max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} main products`);

const createInput = z.object({
  sku: fields.text(64),
  name: fields.text(200),
  unit: fields.text(20),
  lineId: fields.id('lineId'),
  categoryId: fields.id('categoryId').nullish(),
  kind: z.enum(ProductKind),
  standardCost: moneyInput,
  listPrice: moneyInput,
  active: z.boolean().nullish(),
  attachableToIds: attachableToIds.nullish(),
});

const updateInput = z.object({
  id: fields.id('id'),
  name: fields.text(200).nullish(),
  unit: fields.text(20).nullish(),
  lineId: fields.id('lineId').nullish(),
  categoryId: fields.id('categoryId').nullish(),
  standardCost: moneyInput.nullish(),
  listPrice: moneyInput.nullish(),
  active: z.boolean().nullish(),
  attachableToIds: attachableToIds.nullish(),
});

const filterInput = z.object({
  lineCode: fields.text(100).nullish(),
  categoryId: fields.id('categoryId').nullish(),
  kind: z.enum(ProductKind).nullish(),
  active: z.boolean().nullish(),
  search: fields.text(100).nullish(),
});

/** What the audit trail keeps of a product. */
const snapshot = (product: Product) => ({
  sku: product.sku,
  name: product.name,
  unit: product.unit,
  lineId: product.lineId,
  categoryId: product.categoryId,
  kind: product.kind,
  standardCost: product.standardCost.toString(),
  listPrice: product.listPrice.toString(),
  active: product.active,
  attachableToIds: product.attachableToIds,
});

async function requireLine(em: EntityManager, id: string): Promise<void> {
  if (!(await em.count(ProductLine, { id }))) throw new CatalogueNotFoundException('lineId', 'UNKNOWN_PRODUCT_LINE', id);
}

async function requireCategory(em: EntityManager, id: string): Promise<void> {
  if (!(await em.count(ProductCategory, { id }))) throw new CatalogueNotFoundException('categoryId', 'UNKNOWN_CATEGORY', id);
}

/**
 * Seed 000 §3: a warranty or a service is sold with main products, so it attaches to PRODUCTs only,
 * and a PRODUCT attaches to nothing. The ids come back as stored, each once, in the order given.
 */
async function attachableTo(em: EntityManager, kind: ProductKind, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  if (kind === ProductKind.Product) throw new InvalidProductInputException('attachableToIds', 'INVALID_ATTACHMENT', 'only a WARRANTY or a SERVICE attaches to main products.');
  const found = new Map((await em.find(Product, { id: { $in: [...ids] } })).map((product) => [product.id.toLowerCase(), product]));
  return [
    ...new Set(
      ids.map((id, index) => {
        const main = found.get(id.toLowerCase());
        if (!main) throw new CatalogueNotFoundException(`attachableToIds.${index}`, 'UNKNOWN_PRODUCT', id);
        if (main.kind !== ProductKind.Product) throw new InvalidProductInputException(`attachableToIds.${index}`, 'INVALID_ATTACHMENT', `${main.sku} is a ${main.kind}; warranties and services attach to main products (PRODUCT).`);
        return main.id;
      }),
    ),
  ];
}

const skuTaken = (sku: string) => () => new CatalogueConflictException('sku', 'DUPLICATE_SKU', `${sku} is already another product's SKU.`);

export async function createProduct(scope: Scope, input: unknown): Promise<Product> {
  const data = parseInput(createInput, input);
  const prices = { standardCost: priceOf(data.standardCost, 'standardCost'), listPrice: priceOf(data.listPrice, 'listPrice') };
  productPermissions.require(requireActor(scope.actor), 'product.define');
  await requireLine(scope.em, data.lineId);
  if (data.categoryId) await requireCategory(scope.em, data.categoryId);
  const attached = await attachableTo(scope.em, data.kind, data.attachableToIds ?? []);
  const now = scope.clock.now();
  const product = scope.em.create(Product, {
    sku: data.sku,
    name: data.name,
    unit: data.unit,
    lineId: data.lineId,
    categoryId: data.categoryId ?? null,
    kind: data.kind,
    ...prices,
    active: data.active ?? true,
    attachableToIds: attached,
    createdAt: now,
    updatedAt: now,
  });
  scope.audit({ subjectType: 'Product', subjectId: product.id, action: 'product.created', after: snapshot(product) });
  await flushUnique(scope.em, skuTaken(data.sku));
  return product;
}

/**
 * The given fields overwrite, the others stay; `attachableToIds` replaces the whole list. The audit
 * entry keeps the changed fields before and after, so an old list price or cost stays readable.
 */
export async function updateProduct(scope: Scope, input: unknown): Promise<Product> {
  const data = parseInput(updateInput, input);
  const standardCost = data.standardCost == null ? null : priceOf(data.standardCost, 'standardCost');
  const listPrice = data.listPrice == null ? null : priceOf(data.listPrice, 'listPrice');
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const product = await scope.em.findOne(Product, { id: data.id });
  if (!product) throw new CatalogueNotFoundException('id', 'UNKNOWN_PRODUCT', data.id);
  if (data.lineId) await requireLine(scope.em, data.lineId);
  if (data.categoryId) await requireCategory(scope.em, data.categoryId);
  const attached = data.attachableToIds && (await attachableTo(scope.em, product.kind, data.attachableToIds));
  const before = snapshot(product);
  const given = { name: data.name, unit: data.unit, lineId: data.lineId, categoryId: data.categoryId, active: data.active, attachableToIds: attached, standardCost, listPrice };
  Object.assign(product, Object.fromEntries(Object.entries(given).filter(([, value]) => value != null)));
  const change = changedFields(before, snapshot(product));
  if (Object.keys(change.after).length) {
    product.updatedAt = scope.clock.now();
    scope.audit({ subjectType: 'Product', subjectId: product.id, action: 'product.updated', ...change });
  }
  await scope.em.flush();
  return product;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Everyone signed in reads the catalogue (a rep prices a quote from it); newest first. */
export function listProducts(em: EntityManager, page: PageRequest, rawFilter: unknown): Promise<Connection<Product>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const conditions: RowCondition[] = [];
  if (filter.lineCode) conditions.push({ sql: 'line_id in (select id from product_line where code = ?)', params: [filter.lineCode] });
  if (filter.categoryId) conditions.push({ sql: 'category_id = ?', params: [filter.categoryId] });
  if (filter.kind) conditions.push({ sql: 'kind = ?', params: [filter.kind] });
  if (filter.active != null) conditions.push({ sql: 'active = ?', params: [filter.active] });
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    conditions.push({ sql: '(name ilike ? or sku ilike ?)', params: [pattern, pattern] });
  }
  const where = conditions.length ? { sql: conditions.map((condition) => `(${condition.sql})`).join(' and '), params: conditions.flatMap((condition) => condition.params) } : undefined;
  return findPage(em, Product, page, where);
}

import { fields, findPage, parseInput, requireActor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { changedFields, flushUnique } from './catalogue-write';
import { ProductCategory, ProductLine } from './product.entity';
import { CatalogueConflictException, CatalogueNotFoundException } from './product.exception';
import { productPermissions } from './product.permissions';

const createLineInput = z.object({ code: fields.text(100), name: fields.text(100) });
const updateLineInput = z.object({ id: fields.id('id'), name: fields.text(100) });
const createCategoryInput = z.object({ name: fields.text(100) });
const updateCategoryInput = z.object({ id: fields.id('id'), name: fields.text(100) });

const lineTaken = (code: string) => () => new CatalogueConflictException('code', 'DUPLICATE_PRODUCT_LINE', `${code} is already a product line's code.`);
const categoryTaken = (name: string) => () => new CatalogueConflictException('name', 'DUPLICATE_CATEGORY', `${name} is already a category.`);

export async function createProductLine(scope: Scope, input: unknown): Promise<ProductLine> {
  const data = parseInput(createLineInput, input);
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const now = scope.clock.now();
  const line = scope.em.create(ProductLine, { code: data.code, name: data.name, createdAt: now, updatedAt: now });
  scope.audit({ subjectType: 'ProductLine', subjectId: line.id, action: 'product_line.created', after: { code: line.code, name: line.name } });
  await flushUnique(scope.em, lineTaken(data.code));
  return line;
}

/** Only the name: the code is what sales teams map (ORG-4) and what order lines are attributed by. */
export async function updateProductLine(scope: Scope, input: unknown): Promise<ProductLine> {
  const data = parseInput(updateLineInput, input);
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const line = await scope.em.findOne(ProductLine, { id: data.id });
  if (!line) throw new CatalogueNotFoundException('id', 'UNKNOWN_PRODUCT_LINE', data.id);
  const before = { name: line.name };
  Object.assign(line, { name: data.name, updatedAt: scope.clock.now() });
  scope.audit({ subjectType: 'ProductLine', subjectId: line.id, action: 'product_line.updated', ...changedFields(before, { name: line.name }) });
  await scope.em.flush();
  return line;
}

export async function createProductCategory(scope: Scope, input: unknown): Promise<ProductCategory> {
  const data = parseInput(createCategoryInput, input);
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const now = scope.clock.now();
  const category = scope.em.create(ProductCategory, { name: data.name, createdAt: now, updatedAt: now });
  scope.audit({ subjectType: 'ProductCategory', subjectId: category.id, action: 'product_category.created', after: { name: category.name } });
  await flushUnique(scope.em, categoryTaken(data.name));
  return category;
}

export async function updateProductCategory(scope: Scope, input: unknown): Promise<ProductCategory> {
  const data = parseInput(updateCategoryInput, input);
  productPermissions.require(requireActor(scope.actor), 'product.define');
  const category = await scope.em.findOne(ProductCategory, { id: data.id });
  if (!category) throw new CatalogueNotFoundException('id', 'UNKNOWN_CATEGORY', data.id);
  const before = { name: category.name };
  Object.assign(category, { name: data.name, updatedAt: scope.clock.now() });
  scope.audit({ subjectType: 'ProductCategory', subjectId: category.id, action: 'product_category.updated', ...changedFields(before, { name: category.name }) });
  await flushUnique(scope.em, categoryTaken(data.name));
  return category;
}

/** Few and read by everyone signed in: oldest first, the order admins set them up in. */
export const listProductLines = (em: EntityManager, page: PageRequest): Promise<Connection<ProductLine>> => findPage(em, ProductLine, page, undefined, { oldestFirst: true });

export const listProductCategories = (em: EntityManager, page: PageRequest): Promise<Connection<ProductCategory>> => findPage(em, ProductCategory, page, undefined, { oldestFirst: true });

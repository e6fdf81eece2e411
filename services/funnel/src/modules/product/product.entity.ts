import { MONEY_COLUMN, MoneyType, newId, type Money } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { ProductKind } from '../../generated/graphql';

/** Its code is the `productLine` string sales teams map to a member (ORG-4), so the code never changes. */
export class ProductLine {
  [OptionalProps]?: 'id';
  id: string = newId();
  code!: string;
  name!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ProductLineSchema = new EntitySchema<ProductLine>({
  class: ProductLine,
  tableName: 'product_line',
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

/** Flat: a product line already groups categories for attribution, so a tree would add nothing yet. */
export class ProductCategory {
  [OptionalProps]?: 'id';
  id: string = newId();
  name!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ProductCategorySchema = new EntitySchema<ProductCategory>({
  class: ProductCategory,
  tableName: 'product_category',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

/**
 * What is sold. The sku and kind never change once orders can name the product; its list price and
 * standard cost do, and every change is in its audit trail with the values before and after.
 */
export class Product {
  [OptionalProps]?: 'id' | 'categoryId' | 'active' | 'attachableToIds';
  id: string = newId();
  sku!: string;
  name!: string;
  unit!: string;
  lineId!: string;
  categoryId: string | null = null;
  kind!: ProductKind;
  standardCost!: Money;
  listPrice!: Money;
  active = true;
  /** A WARRANTY's or SERVICE's main products, which it is sold with (seed 000 §3); empty for a PRODUCT. */
  attachableToIds: string[] = [];
  createdAt!: Date;
  updatedAt!: Date;
}

export const ProductSchema = new EntitySchema<Product>({
  class: Product,
  tableName: 'product',
  properties: {
    id: { type: 'uuid', primary: true },
    sku: { type: 'string' },
    name: { type: 'string' },
    unit: { type: 'string' },
    lineId: { type: 'uuid' },
    categoryId: { type: 'uuid', nullable: true },
    kind: { type: 'string' },
    standardCost: { type: MoneyType, columnType: MONEY_COLUMN },
    listPrice: { type: MoneyType, columnType: MONEY_COLUMN },
    active: { type: 'boolean' },
    attachableToIds: { type: 'json' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

import type { EntityManager } from '@mikro-orm/core';
import { ProductKind } from '../../generated/graphql';
import { Product } from './product.entity';
import { CatalogueNotFoundException, InvalidProductInputException } from './product.exception';

/** A line of a sale (a quote's, an order's): what it sells, and the index of the line it is sold with. */
interface SaleLine {
  productId: string;
  mainLine?: number | null;
}

/** Seed 000 §3: a warranty or service may be sold with another line of the same sale, whose product it attaches to. */
function checkAttachment(lines: readonly SaleLine[], products: readonly Product[], index: number): void {
  const mainLine = lines[index]!.mainLine;
  if (mainLine == null) return;
  const field = `lines.${index}.mainLine`;
  const product = products[index]!;
  const main = products[mainLine];
  if (product.kind === ProductKind.Product) throw new InvalidProductInputException(field, 'INVALID_ATTACHMENT', 'only a warranty or a service is sold with another line.');
  if (!main || mainLine === index) throw new InvalidProductInputException(field, 'INVALID_ATTACHMENT', `there is no other line ${mainLine}.`);
  if (main.kind !== ProductKind.Product || !product.attachableToIds.includes(main.id)) {
    throw new InvalidProductInputException(field, 'INVALID_ATTACHMENT', `line ${mainLine}'s product is not one this ${product.kind.toLowerCase()} is sold with.`);
  }
}

/**
 * The products of a sale's lines, in line order, in the caller's transaction: each one exists and
 * is still sold (else NOT_FOUND, UNKNOWN_PRODUCT, naming the line), and each `mainLine` names a
 * product line of the same sale it attaches to (else BAD_USER_INPUT, INVALID_ATTACHMENT).
 */
export async function productsForSale(em: EntityManager, lines: readonly SaleLine[]): Promise<Product[]> {
  const found = new Map((await em.find(Product, { id: { $in: [...new Set(lines.map((line) => line.productId))] } })).map((product) => [product.id, product]));
  const products = lines.map((line, index) => {
    const product = found.get(line.productId);
    if (!product?.active) throw new CatalogueNotFoundException(`lines.${index}.productId`, 'UNKNOWN_PRODUCT', product ? `${line.productId} (no longer sold)` : line.productId);
    return product;
  });
  lines.forEach((_line, index) => checkAttachment(lines, products, index));
  return products;
}

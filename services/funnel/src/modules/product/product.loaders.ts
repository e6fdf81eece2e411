import { entityLoader, PageLoader } from '@crm/platform';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { PriceBook, PriceBookEntry } from './price-book.entity';
import { Product, ProductCategory, ProductLine } from './product.entity';

/** The catalogue is no one's: everyone signed in reads it, one statement per batch. */
export function createProductLoaders(em: EntityManager) {
  return {
    product: entityLoader(em, Product),
    productLine: entityLoader(em, ProductLine),
    productCategory: entityLoader(em, ProductCategory),
    priceBook: entityLoader(em, PriceBook),
    priceBookEntries: new PageLoader(em, PriceBookEntry, 'price_book_id'),
    /** The warranties and services attachable to each main product, by SKU. */
    productAttachments: new DataLoader<string, Product[]>(async (mainIds) => {
      const rows = await em.getConnection().execute<(EntityDictionary<Product> & { main_id: string })[]>(
        `select m.id as main_id, p.* from unnest(array[?]::uuid[]) as m(id)
           join product p on p.attachable_to_ids @> jsonb_build_array(m.id) order by p.sku`,
        [[...mainIds]],
      );
      const byMain = new Map<string, Product[]>(mainIds.map((id) => [id, []]));
      for (const { main_id: mainId, ...row } of rows) byMain.get(mainId)?.push(em.map(Product, row));
      return mainIds.map((id) => byMain.get(id) ?? []);
    }),
  };
}

import { defineModule } from '@crm/platform';
import { productMigrations } from './migrations';
import { PriceBookEntrySchema, PriceBookSchema } from './price-book.entity';
import { ProductCategorySchema, ProductLineSchema, ProductSchema } from './product.entity';
import { productResolvers } from './product.resolvers';

/** FUN-11: the product catalogue and price books admins define, which orders are priced from. */
export const productModule = defineModule({
  name: 'product',
  entities: [ProductLineSchema, ProductCategorySchema, ProductSchema, PriceBookSchema, PriceBookEntrySchema],
  migrations: productMigrations,
  resolvers: [productResolvers],
});

export { productModule } from './product.module';
export { Product, ProductCategory, ProductLine } from './product.entity';
export { PriceBook, PriceBookEntry } from './price-book.entity';
export { createProductLoaders } from './product.loaders';
export { priceFor, pricesFor, type PriceRequest, type ResolvedPrice } from './pricing';
export { CatalogueNotFoundException } from './product.exception';
export { moneyInput, priceOf } from './catalogue-write';
export { productsForSale } from './sale-lines';

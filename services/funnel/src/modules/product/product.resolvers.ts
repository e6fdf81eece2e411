import { auditTrailResolver, parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { createPriceBook, listPriceBooks, setPriceBookEntries } from './price-book.service';
import { priceOn } from './pricing';
import { createProductCategory, createProductLine, listProductCategories, listProductLines, updateProductCategory, updateProductLine } from './product-line.service';
import { createProduct, listProducts, updateProduct } from './product.service';
import type { Product } from './product.entity';

const signedIn = <T>(context: Context, read: () => T): T => {
  requireActor(context.actor);
  return read();
};

const loadedProduct = async ({ loaders }: Context, id: string): Promise<Product> => (await loaders.product.load(id))!;

export const productResolvers: Resolvers = {
  Query: {
    productLines: (_root, args, context) => signedIn(context, () => listProductLines(context.em, parsePageArgs(args))),
    productCategories: (_root, args, context) => signedIn(context, () => listProductCategories(context.em, parsePageArgs(args))),
    products: (_root, { filter, ...args }, context) => signedIn(context, () => listProducts(context.em, parsePageArgs(args), filter)),
    product: (_root, { id }, context) => signedIn(context, () => context.loaders.product.load(parseId(id))),
    priceBooks: (_root, args, context) => signedIn(context, () => listPriceBooks(context.em, parsePageArgs(args))),
    priceBook: (_root, { id }, context) => signedIn(context, () => context.loaders.priceBook.load(parseId(id))),
    productPrice: (_root, args, context) => signedIn(context, () => priceOn(context, args)),
    productAuditTrail: auditTrailResolver('Product', (context: Context, id) => signedIn(context, () => context.loaders.product.load(id))),
    priceBookAuditTrail: auditTrailResolver('PriceBook', (context: Context, id) => signedIn(context, () => context.loaders.priceBook.load(id))),
  },
  Mutation: {
    createProductLine: (_root, { input }, context) => createProductLine(context, input),
    updateProductLine: (_root, { input }, context) => updateProductLine(context, input),
    createProductCategory: (_root, { input }, context) => createProductCategory(context, input),
    updateProductCategory: (_root, { input }, context) => updateProductCategory(context, input),
    createProduct: (_root, { input }, context) => createProduct(context, input),
    updateProduct: (_root, { input }, context) => updateProduct(context, input),
    createPriceBook: (_root, { input }, context) => createPriceBook(context, input),
    setPriceBookEntries: (_root, { input }, context) => setPriceBookEntries(context, input),
  },
  Product: {
    __resolveReference: (ref, { loaders }) => loaders.product.load(ref.id),
    line: async (product, _args, { loaders }) => (await loaders.productLine.load(product.lineId))!,
    category: (product, _args, { loaders }) => (product.categoryId ? loaders.productCategory.load(product.categoryId) : null),
    attachableTo: async (product, _args, { loaders }) => (await loaders.product.loadMany(product.attachableToIds)).filter((main): main is Product => main !== null && !(main instanceof Error)),
    attachments: (product, _args, { loaders }) => loaders.productAttachments.load(product.id),
  },
  PriceBook: {
    customerGroup: (book) => (book.customerGroupId ? { id: book.customerGroupId } : null),
    entries: (book, args, { loaders }) => loaders.priceBookEntries.connection(book.id, args),
  },
  PriceBookEntry: {
    product: (entry, _args, context) => loadedProduct(context, entry.productId),
    recordedBy: (entry) => (entry.recordedById ? { id: entry.recordedById } : null),
  },
  ProductPrice: {
    product: (price, _args, context) => loadedProduct(context, price.productId),
    priceBook: (price, _args, { loaders }) => (price.priceBookId ? loaders.priceBook.load(price.priceBookId) : null),
  },
};

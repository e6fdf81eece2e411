type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges modules' resolver maps type by type; two modules resolving the same field is a bug. */
export function mergeResolvers(maps: readonly object[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps as readonly ResolverMap[]) {
    for (const [type, fieldResolvers] of Object.entries(map)) {
      const target = (merged[type] ??= {});
      for (const [field, resolver] of Object.entries(fieldResolvers)) {
        if (field in target) throw new Error(`Two modules resolve ${type}.${field}`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}

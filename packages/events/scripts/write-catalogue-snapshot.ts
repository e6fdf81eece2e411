/**
 * Rewrites src/catalogue/catalogue.snapshot.json from the catalogue. It refuses while the catalogue
 * breaks the committed contract (an unbumped schema change, say), so that rewriting the snapshot
 * cannot launder the change past the test that guards it; `--force` is for deliberate breaks such
 * as retiring an event nothing uses any more.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalogue, checkCatalogueAgainstSnapshot, snapshotCatalogue, type CatalogueSnapshot } from '../src/catalogue';

const snapshotPath = path.resolve(__dirname, '../src/catalogue/catalogue.snapshot.json');

if (existsSync(snapshotPath) && !process.argv.includes('--force')) {
  const committed: CatalogueSnapshot = JSON.parse(readFileSync(snapshotPath, 'utf8'));
  const problems = checkCatalogueAgainstSnapshot(catalogue, committed);
  if (problems.length > 0) {
    console.error(`Not rewriting ${path.relative(process.cwd(), snapshotPath)}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
}

writeFileSync(snapshotPath, `${JSON.stringify(snapshotCatalogue(catalogue), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), snapshotPath)}`);

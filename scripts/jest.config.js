/** The repository's own tooling: `npm run new:subgraph` and the files generated from the subgraph list. */
/** @type {import('jest').Config} */
module.exports = { ...require('../jest.preset.js'), displayName: 'scripts' };

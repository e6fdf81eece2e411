/** The pipeline a conversion uses when none is named; the migration creates it. */
export const DEFAULT_PIPELINE_ID = '0192f000-0000-7000-8000-00000000a000';

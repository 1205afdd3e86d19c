/**
 * CSV writing and reading moved to exports/csv.ts with the exports module (C8); kept
 * here so that the modules that imported it from the dashboard keep working.
 */
export { BOM, csvField, csvRow, parseCsv, toCsv, type Cell } from '../exports/csv.ts';

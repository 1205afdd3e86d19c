/** The documents module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { renderPdf } from './pdf.ts';

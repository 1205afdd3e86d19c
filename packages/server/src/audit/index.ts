/** The audit module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { damagedFile, recordDamage } from './damage.ts';

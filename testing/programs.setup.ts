import type { TestProject } from 'vitest/node';
import { findSystemPrograms, missingProgramsNote, REQUIRE_PROGRAMS } from './system-programs.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    systemPrograms: { chromium?: string; poppler: boolean };
  }
}

/**
 * Global set-up of the integration and browser projects: says in one line which tests
 * are skipped for want of a system program (or fails, where TRUCE_TEST_REQUIRE_PROGRAMS
 * is set, as on CI), and hands the programs found to the tests (`inject('systemPrograms')`).
 */
export default function setup(project: TestProject): void {
  const programs = findSystemPrograms();
  const note = missingProgramsNote(project.name, programs);
  if (note && process.env[REQUIRE_PROGRAMS]) throw new Error(note.replace(/; \S+=1 makes this a failure\.$/, ` (${REQUIRE_PROGRAMS} is set, so this fails)`));
  if (note) console.warn(note);
  project.provide('systemPrograms', programs);
}

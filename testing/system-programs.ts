import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The system programs some tests need beside Node.js: Debian's Chromium for the browser
 * tests, poppler's pdftotext / pdftoppm / pdffonts for reading PDFs back. A user's clone
 * may lack them: those tests are then skipped, with one line saying so and how to
 * install them. CI sets TRUCE_TEST_REQUIRE_PROGRAMS=1, which makes a missing program a
 * failure, so CI never skips them.
 */
export const REQUIRE_PROGRAMS = 'TRUCE_TEST_REQUIRE_PROGRAMS';

export interface SystemPrograms {
  /** Chromium's path, or undefined when there is none. */
  chromium?: string;
  /** pdftotext, pdftoppm and pdffonts all answer. */
  poppler: boolean;
}

const POPPLER = ['pdftotext', 'pdftoppm', 'pdffonts'];

function answers(program: string): boolean {
  try {
    execFileSync(program, ['-v'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Looks the programs up once; CHROMIUM_PATH names another Chromium than Debian's. */
export function findSystemPrograms(env: NodeJS.ProcessEnv = process.env): SystemPrograms {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const chromium = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return { chromium, poppler: POPPLER.every(answers) };
}

/** The one line to print for a test project whose programs are missing, or undefined when none is. */
export function missingProgramsNote(project: string, programs: SystemPrograms): string | undefined {
  const skipped: string[] = [];
  if (project === 'e2e' && !programs.chromium) skipped.push('the browser tests (no Chromium: apt-get install chromium, or set CHROMIUM_PATH)');
  if ((project === 'e2e' || project === 'integration') && !programs.poppler) {
    skipped.push(`the PDF read-back tests (no ${POPPLER.join('/')}: apt-get install poppler-utils)`);
  }
  if (skipped.length === 0) return undefined;
  return `${project}: skipped ${skipped.join(' and ')}; ${REQUIRE_PROGRAMS}=1 makes this a failure.`;
}

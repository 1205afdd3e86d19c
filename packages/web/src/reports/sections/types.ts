import type { FormState } from '../formState.ts';

/** What each section of the report form is given: the state, a way to change it, the message for a field. */
export interface SectionProps {
  state: FormState;
  /** Merges a change into the state; a function receives the latest state (for changes made later, e.g. after an upload). */
  set: (patch: Partial<FormState> | ((s: FormState) => Partial<FormState>)) => void;
  error: (field: string) => string | undefined;
}

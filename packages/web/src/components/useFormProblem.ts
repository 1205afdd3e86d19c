import { useCallback, useRef, useState } from 'react';
import { isProblem, type ProblemError } from '../api/client.ts';

/**
 * The error state of a form: the problem to show above the fields and each field's own
 * message (from the problem's `errors`, or from checks made before sending). A form whose
 * fields are nested in the request names them with `fieldOf` (by default the first part
 * of the error's path, as ProblemError.fieldErrors does).
 */
export function useFormProblem(known: Record<string, { field: string; message: string }> = {}, fieldOf?: (path: string) => string) {
  const [problem, setProblem] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const knownRef = useRef(known);
  knownRef.current = known;
  const fieldOfRef = useRef(fieldOf);
  fieldOfRef.current = fieldOf;

  // Problems the form knows by their code get a message in the reader's language next to the field.
  const fail = useCallback((err: unknown) => {
    setProblem(err);
    if (!isProblem(err)) return setFields({});
    const mapped = err.code ? knownRef.current[err.code] : undefined;
    const byField = fieldOfRef.current ? mapErrors(err, fieldOfRef.current) : err.fieldErrors();
    setFields(mapped ? { ...byField, [mapped.field]: mapped.message } : byField);
  }, []);

  const clear = useCallback(() => {
    setProblem(null);
    setFields({});
  }, []);

  /** Errors found in the browser before sending: shown next to their fields. */
  const invalid = useCallback((errors: Record<string, string | null | undefined | false>) => {
    const found = Object.fromEntries(Object.entries(errors).filter(([, v]) => typeof v === 'string' && v)) as Record<string, string>;
    setFields(found);
    setProblem(null);
    return Object.keys(found).length > 0;
  }, []);

  return { problem, fields, fail, clear, invalid, error: (field: string) => fields[field] || undefined };
}

function mapErrors(err: ProblemError, fieldOf: (path: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    const field = fieldOf(e.path);
    if (field) out[field] = out[field] ? `${out[field]}; ${e.message}` : e.message;
  }
  return out;
}

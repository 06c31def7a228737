import { type ChangeEvent, useCallback, useState } from 'react';
import { ApiError } from './api';

type FieldValue = string | boolean;
type TextEvent = ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

/**
 * Small controlled-form state (values, per-field errors) for Mantine inputs. `applyServerError` puts the
 * server's field errors (`details.field` / `details.issues`) on the named fields.
 */
export function useFormState<T extends Record<string, FieldValue>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof T, string>>>({});

  const setField = useCallback(<K extends keyof T>(name: K, value: T[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  }, []);

  const text = <K extends keyof T>(name: K) => ({
    value: String(values[name] ?? ''),
    onChange: (event: TextEvent) => setField(name, event.currentTarget.value as T[K]),
    error: errors[name],
  });
  const select = <K extends keyof T>(name: K) => ({
    value: values[name] ? String(values[name]) : null,
    onChange: (value: string | null) => setField(name, (value ?? '') as T[K]),
    error: errors[name],
  });
  const checkbox = <K extends keyof T>(name: K) => ({
    checked: Boolean(values[name]),
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(name, event.currentTarget.checked as T[K]),
  });

  /** True when at least one message landed on a field of this form. */
  const applyServerError = (err: unknown): boolean => {
    if (!(err instanceof ApiError)) return false;
    const fieldErrors = err.fieldErrors();
    const known = Object.entries(fieldErrors).filter(([k]) => k in values);
    if (known.length === 0) return false;
    setErrors((e) => ({ ...e, ...Object.fromEntries(known) }));
    return true;
  };

  const reset = (next: T = initial) => {
    setValues(next);
    setErrors({});
  };

  return { values, errors, setErrors, setField, setValues, text, select, checkbox, applyServerError, reset };
}

/** Trimmed text, or null when empty (optional API fields are nullish). */
export const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

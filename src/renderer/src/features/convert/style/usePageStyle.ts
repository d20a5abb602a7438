import { useState } from 'react';
import type { RunStyle } from '@shared/convert';
import type { StudioError } from '@shared/errors';
import { DEFAULT_STYLE_FORM, resolveStyle, type ResolvedStyle, type StyleForm } from './styleForm';
import { useRunStyles } from './useRunStyles';

/** The style a page applies: its form, the runs on offer for it, and the choice they resolve to. */
export interface PageStyle {
  form: StyleForm;
  setForm: (form: StyleForm) => void;
  runs: RunStyle[];
  runsError: StudioError | null;
  style: ResolvedStyle;
}

/** The convert and stills pages' style state, over the runs of the library at `libraryPath`. */
export function usePageStyle(libraryPath: string | null): PageStyle {
  const [form, setForm] = useState<StyleForm>(DEFAULT_STYLE_FORM);
  const runStyles = useRunStyles(libraryPath);
  return { form, setForm, runs: runStyles.runs, runsError: runStyles.error, style: resolveStyle(form, runStyles.runs) };
}

import type { EngineChoice } from '@shared/convert';
import { Panel } from '../../../components/ui';
import { StylePicker } from './StylePicker';
import type { PageStyle } from './usePageStyle';

/** The Style panel of the convert and stills pages: the picker, and the engine and time of the last preview. */
export function StylePanel({ page, preview }: { page: PageStyle; preview: { engine: EngineChoice; stylizeMs: number } | null }) {
  return (
    <Panel title="Style" className="style-panel">
      <StylePicker
        form={page.form}
        onChange={page.setForm}
        runs={page.runs}
        runsError={page.runsError}
        engine={preview?.engine ?? null}
        stylizeMs={preview?.stylizeMs ?? null}
      />
    </Panel>
  );
}

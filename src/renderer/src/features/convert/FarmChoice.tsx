import { Checkbox, Field } from '../../components/ui';

/** The render-farm choice of the convert form: on or off, and the farm's Redis URL (both remembered). */
export interface FarmSetting {
  on: boolean;
  url: string;
}

/**
 * "Convert on a render farm": the segments go to the workers (`cel-studio worker --farm <url>`) on that Redis, and
 * this studio joins them; the clip and output folder must be on a folder every worker sees at the same path.
 */
export function FarmChoice({ farm, onChange, invalid }: { farm: FarmSetting; onChange: (farm: FarmSetting) => void; invalid: boolean }) {
  return (
    <div className="convert-farm">
      <Checkbox
        label="Convert on a render farm"
        checked={farm.on}
        onChange={(e) => onChange({ ...farm, on: e.target.checked })}
        data-testid="convert-farm"
      />
      {farm.on && (
        <>
          <Field
            label="Farm Redis URL"
            placeholder="redis://farm.local:6379"
            value={farm.url}
            onChange={(e) => onChange({ ...farm, url: e.target.value })}
            invalid={invalid}
            data-testid="convert-farm-url"
          />
          <div className="field-hint">
            Workers run <span className="mono">cel-studio worker --farm</span> with this URL; the clip and the output folder must be
            shared at the same path on every machine.
          </div>
        </>
      )}
    </div>
  );
}

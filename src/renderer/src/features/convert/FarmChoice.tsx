import { Checkbox, Field } from '../../components/ui';

/**
 * "Convert on a render farm": the segments go to the workers (`cel-studio worker --farm <url>`) on that Redis, and
 * this studio joins them; the clip and output folder must be on a folder every worker sees at the same path.
 * Inside a Form, a problem naming `farm` marks the URL.
 */
export function FarmChoice({
  on,
  url,
  onToggle,
  onUrl,
}: {
  on: boolean;
  url: string;
  onToggle: (on: boolean) => void;
  onUrl: (url: string) => void;
}) {
  return (
    <div className="convert-farm">
      <Checkbox
        label="Convert on a render farm"
        checked={on}
        onChange={(e) => onToggle(e.target.checked)}
        data-testid="convert-farm"
      />
      {on && (
        <>
          <Field label="Farm Redis URL" name="farm" placeholder="redis://farm.local:6379" value={url} onValue={onUrl} data-testid="convert-farm-url" />
          <div className="field-hint">
            Workers run <span className="mono">cel-studio worker --farm</span> with this URL; the clip and the output folder must be
            shared at the same path on every machine.
          </div>
        </>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Button, ErrorMessage, ProgressBar } from '../../../components/ui';
import { DiskImport } from './DiskImport';
import { isActive, useJobs } from '../../../jobs';
import { useAction, useQuery } from '../../../transport';

/**
 * Shown in the new-run form while training cannot start for want of VGG19 (its content and style losses read it):
 * says so, and offers the download (size and source shown) as a job with progress, until the
 * weights are in place (`onChange` hears whether it is installed). Renders nothing when VGG19 is installed.
 */
export function VggSetup({ onChange }: { onChange: (installed: boolean) => void }) {
  const status = useQuery('train.vggStatus', {});
  const fetchVgg = useAction('train.fetchVgg');
  const importVgg = useAction('train.importVgg');
  const [folder, setFolder] = useState('');
  const { jobs, upsert } = useJobs();
  // The newest VGG19 download, also one started before this form was opened.
  const job = jobs.find((j) => j.kind === 'download-vgg19') ?? null;
  const reloadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (job?.state !== 'done' || reloadedFor.current === job.id) return;
    reloadedFor.current = job.id;
    status.reload();
  });
  const installed = status.data?.installed;
  useEffect(() => {
    if (installed !== undefined) onChange(installed);
  }, [installed, onChange]);
  if (!status.data || status.data.installed) return null;
  const { data } = status;
  const running = job !== null && isActive(job);
  const mb = Math.round(data.downloadBytes / 1e6);
  return (
    <div className="vgg-setup" role="region" aria-label="VGG19 needed" data-testid="vgg-setup" data-state={job?.state ?? 'missing'}>
      <p>
        Training needs <strong>VGG19</strong>, the image network its content and style losses read. It is not in{' '}
        <span className="mono">{data.dir}</span> yet.
      </p>
      {data.source === 'env' ? (
        <p className="muted small">CEL_STUDIO_VGG19 names that folder: put a TensorFlow.js VGG19 there, or unset it to download one into the library.</p>
      ) : (
        <>
          <p className="muted small">
            Download about {mb} MB from <span className="mono">{new URL(data.url).host}</span> (set CEL_STUDIO_MODEL_MIRROR to use a mirror). It
            resumes if interrupted.
          </p>
          {job && running && (
            <ProgressBar
              done={0}
              total={1}
              fraction={job.progress.fraction}
              label="VGG19 download"
              data-testid="vgg-progress"
            />
          )}
          {job && running && job.progress.current && <p className="muted small num">{job.progress.current}</p>}
          <ErrorMessage error={job?.state === 'failed' ? job.error : null} testId="vgg-error" />
          <ErrorMessage error={fetchVgg.error} onDismiss={fetchVgg.clearError} />
          <div className="form-actions">
            <Button
              variant="primary"
              busy={fetchVgg.pending || running}
              disabled={running}
              onClick={async () => {
                const started = await fetchVgg.run({});
                if (started) upsert(started);
              }}
              data-testid="vgg-download"
            >
              {job?.state === 'failed' || job?.state === 'cancelled' ? 'Resume download' : `Download VGG19 (${mb} MB)`}
            </Button>
          </div>
          <details className="vgg-import">
            <summary>Use a VGG19 folder you already have…</summary>
            <DiskImport
              label="Import VGG19 from a folder"
              fields={[
                { label: 'Folder with model.json (TensorFlow.js layers format)', placeholder: '/models/vgg19', value: folder, onChange: setFolder, path: 'folder', testId: 'vgg-import-path' },
              ]}
              action="Copy into the library"
              busy={importVgg.pending}
              disabled={running}
              onImport={async () => {
                if (await importVgg.run({ path: folder.trim() })) status.reload();
              }}
              error={importVgg.error}
              onDismissError={importVgg.clearError}
              testId="vgg-import"
            />
          </details>
        </>
      )}
    </div>
  );
}

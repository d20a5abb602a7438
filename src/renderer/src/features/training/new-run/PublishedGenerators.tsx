import { useEffect, useRef } from 'react';
import type { CatalogModel } from '@shared/model-catalog';
import type { JobSummary } from '@shared/library';
import { Button, ErrorMessage, ProgressBar } from '../../../components/ui';
import { isActive, useJobs } from '../../../jobs';
import { useAction, useQuery } from '../../../transport';

/** The newest download job of catalog model `name` (its output is the model's folder, named after it). */
function downloadOf(jobs: readonly JobSummary[], name: string): JobSummary | undefined {
  return jobs.find((j) => j.kind === 'download-model' && j.output !== null && /[\\/]([^\\/]+)$/.exec(j.output)?.[1] === name);
}

/**
 * "Download a published generator": the catalog's generators (animegan2-pytorch's Paprika and face models) with
 * their terms and size, each fetched as a job through the per-user cache. `onInstalled` hears the name once one is
 * in the library, so the form can start from it.
 */
export function PublishedGenerators({ onInstalled }: { onInstalled: (name: string) => void }) {
  const catalog = useQuery('models.catalog', {});
  const fetchModel = useAction('models.fetch');
  const { jobs, upsert } = useJobs();
  const generators = (catalog.data?.models ?? []).filter((m) => m.kind === 'generator');
  // Downloads seen running here (or started here) are announced once when done; older finished ones never are,
  // or opening the form would switch "Start from" to whatever was downloaded in an earlier session.
  const watching = useRef(new Set<string>());
  useEffect(() => {
    for (const m of generators) {
      const job = downloadOf(jobs, m.name);
      if (!job) continue;
      if (isActive(job)) watching.current.add(job.id);
      else if (job.state === 'done' && watching.current.delete(job.id)) {
        catalog.reload();
        onInstalled(m.name);
      }
    }
  });
  if (generators.length === 0) return null;
  return (
    <div className="published-models" role="group" aria-label="Published generators" data-testid="published-models">
      <p className="muted small">
        Published generators to start from (or convert with). Read their terms before using a result commercially.
        {catalog.data?.mirror && <> From the mirror <span className="mono">{new URL(catalog.data.mirror).host}</span>.</>}
      </p>
      {catalog.data?.note && <p className="muted small">{catalog.data.note}</p>}
      <ul className="published-model-list">
        {generators.map((m) => (
          <PublishedRow key={m.name} model={m} job={downloadOf(jobs, m.name)} onFetch={async () => {
            const job = await fetchModel.run({ name: m.name });
            if (!job) return;
            watching.current.add(job.id);
            upsert(job);
          }} />
        ))}
      </ul>
      <ErrorMessage error={fetchModel.error} onDismiss={fetchModel.clearError} />
    </div>
  );
}

function PublishedRow({ model: m, job, onFetch }: { model: CatalogModel; job: JobSummary | undefined; onFetch: () => void }) {
  const running = job !== undefined && isActive(job);
  const size = m.bytes ? `${(m.bytes / 1e6).toFixed(0)} MB` : 'about 9 MB';
  return (
    <li data-testid={`published-model-${m.name}`} data-installed={m.installed}>
      <div>
        <strong>{m.name}</strong> <span className="small">{m.title}</span>
        <div className="muted small" title={m.homepage}>
          Terms: {m.licence}
        </div>
        {running && <ProgressBar done={0} total={1} fraction={job.progress.fraction} label={`${m.name} download`} />}
        <ErrorMessage error={job?.state === 'failed' ? job.error : null} testId={`published-model-error-${m.name}`} />
      </div>
      {m.installed ? (
        <span className="small muted">Installed</span>
      ) : (
        <Button type="button" busy={running} disabled={running} onClick={onFetch} title={`Fetch from ${m.source}`} data-testid={`published-model-fetch-${m.name}`}>
          {job?.state === 'failed' || job?.state === 'cancelled' ? 'Resume download' : `Download (${m.cached ? 'in the cache' : size})`}
        </Button>
      )}
    </li>
  );
}

import { citeFull, getPaper, shortAuthors, type PaperId } from '@shared/papers';

/**
 * A paper named inline: surnames, short title and year, with the whole reference on hover. Linked when the paper
 * has a public link; it opens in the user's browser (the window's open handler hands https links to the system
 * and never navigates the studio itself).
 */
export function Citation({ paper }: { paper: PaperId }) {
  const p = getPaper(paper);
  const text = (
    <>
      {shortAuthors(p)}, <cite>{p.shortTitle}</cite>
      {p.year !== null && ` (${p.year})`}
    </>
  );
  const full = citeFull(paper);
  return p.url ? (
    <a className="link citation" href={p.url} target="_blank" rel="noreferrer" title={full} data-testid={`citation-${paper}`}>
      {text}
    </a>
  ) : (
    <span className="citation" title={full} data-testid={`citation-${paper}`}>
      {text}
    </span>
  );
}

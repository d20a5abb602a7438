/**
 * The papers the studio's models and presets come from, cited once here and shown by the model and preset
 * pickers, the run header and the CLI. Links only where a public, stable one exists.
 */
import { z } from 'zod';

export const PaperId = z.enum(['animeganv2', 'animegan', 'kalin-akniyet', 'lwcomicgan', 'tan-2024', 'sang-xu-2022']);
export type PaperId = z.infer<typeof PaperId>;

export interface Paper {
  id: PaperId;
  /** The full title. */
  title: string;
  /** A few words to name it inline (the title itself when short). */
  shortTitle: string;
  /** Full names, in the paper's order. */
  authors: readonly string[];
  year: number | null;
  /** Where it appeared (conference, publisher or institution), when known. */
  venue: string | null;
  /** A public https link (code or the paper), when one is known. */
  url: string | null;
}

export const PAPERS: Readonly<Record<PaperId, Paper>> = {
  animeganv2: {
    id: 'animeganv2',
    title: 'AnimeGANv2',
    shortTitle: 'AnimeGANv2',
    authors: ['Jie Chen', 'Gang Liu', 'Xin Chen'],
    year: 2020,
    venue: null,
    url: 'https://github.com/TachibanaYoshino/AnimeGANv2',
  },
  animegan: {
    id: 'animegan',
    title: 'AnimeGAN: A Novel Lightweight GAN for Photo Animation',
    shortTitle: 'AnimeGAN',
    authors: ['Jie Chen', 'Gang Liu', 'Xin Chen'],
    year: 2019,
    venue: 'ISICA',
    url: null,
  },
  'kalin-akniyet': {
    id: 'kalin-akniyet',
    title: 'Anime Style Transfer using GAN Model',
    shortTitle: 'Anime Style Transfer using GAN Model',
    authors: ['Arlan Kalin', 'Talgatkyzy Akniyet'],
    year: null,
    venue: 'UNIST',
    url: null,
  },
  lwcomicgan: {
    id: 'lwcomicgan',
    title: 'LWComicGAN: A Lightweight Method for Realizing Scene Animation',
    shortTitle: 'LWComicGAN',
    authors: ['Qingyu Yang', 'Wei Chen', 'Yichao Cai', 'XinYing Liu', 'Taian Liu', 'Ge Wang'],
    year: null,
    venue: null,
    url: null,
  },
  'tan-2024': {
    id: 'tan-2024',
    title: 'AI Digital Anime Style Generation Algorithm Based on Adversarial Generative Network',
    shortTitle: 'AI Digital Anime Style Generation',
    authors: ['Xiaojun Tan'],
    year: 2024,
    venue: 'ICCSIE, ACM',
    url: 'https://doi.org/10.1145/3689236.3689257',
  },
  'sang-xu-2022': {
    id: 'sang-xu-2022',
    title: 'Research on the Generation of Creative Animation Driven by Deep Learning Model',
    shortTitle: 'Creative Animation Driven by Deep Learning',
    authors: ['Xiaokun Sang', 'Lijuan Xu'],
    year: 2022,
    venue: 'Hindawi, open access',
    url: null,
  },
};

/** The paper called `id`. */
export function getPaper(id: PaperId): Paper {
  return PAPERS[id];
}

const surname = (name: string): string => name.split(' ').pop()!;

/** Surnames: "Tan", "Sang & Xu", "Chen, Liu & Chen", or "Yang et al." from four authors on. */
export function shortAuthors(p: Paper): string {
  const names = p.authors.map(surname);
  if (names.length > 3) return `${names[0]} et al.`;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;
}

/** Full names, with "et al." after the first from four authors on. */
export function fullAuthors(p: Paper): string {
  if (p.authors.length > 3) return `${p.authors[0]} et al.`;
  return p.authors.join(', ');
}

/** One short line to name a paper inline: `Chen, Liu & Chen, “AnimeGANv2” (2020)`. */
export function citeShort(id: PaperId): string {
  const p = PAPERS[id];
  return `${shortAuthors(p)}, “${p.shortTitle}”${p.year !== null ? ` (${p.year})` : ''}`;
}

/** The whole reference: authors, full title, venue, year and link where known. */
export function citeFull(id: PaperId): string {
  const p = PAPERS[id];
  const where = [p.venue, p.year].filter((x) => x !== null).join(', ');
  return `${fullAuthors(p)}, “${p.title}”${where ? `, ${where}` : ''}${p.url ? `. ${p.url}` : ''}`;
}

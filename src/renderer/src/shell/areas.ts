/** The four areas of the studio, in nav order. */
export const AREAS = [
  { id: 'datasets', label: 'Datasets', icon: '▦', hint: 'Libraries, sets and imported photos' },
  { id: 'training', label: 'Training', icon: '◎', hint: 'Train a style model' },
  { id: 'convert', label: 'Convert', icon: '▶', hint: 'Stylise video' },
  { id: 'stills', label: 'Stills', icon: '◪', hint: 'Stylise single images' },
] as const;

export type AreaId = (typeof AREAS)[number]['id'];

/** The areas of the studio, in nav order. */
export const AREAS = [
  { id: 'datasets', label: 'Datasets', icon: '▦', hint: 'Libraries, sets and imported photos' },
  { id: 'training', label: 'Training', icon: '◎', hint: 'Train a style model' },
  { id: 'convert', label: 'Convert', icon: '▶', hint: 'Stylise video' },
  { id: 'stills', label: 'Stills', icon: '◪', hint: 'Stylise single images' },
  { id: 'devices', label: 'Devices', icon: '◇', hint: 'GPUs and backends: what training and conversion run on, and why' },
] as const;

export type AreaId = (typeof AREAS)[number]['id'];

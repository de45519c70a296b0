/** Shared chart colours (colour-blind-safe pairs from ColorBrewer / Okabe–Ito). */
export const CHART = {
  allocated: '#9ecae1',
  disbursed: '#08519c',
  outstanding: '#d95f02',
  highlight: '#d95f02',
  gap: '#e6550d',
  good: '#3182bd',
  neutral: '#969696',
  series: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#999999'],
} as const;

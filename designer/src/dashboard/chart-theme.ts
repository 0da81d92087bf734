import { useMemo } from 'react';

/** Chart colours from the app's CSS variables (SVG attributes cannot read var()), with fallbacks. */
export interface ChartColors {
  accent: string;
  success: string;
  danger: string;
  muted: string;
  border: string;
  text: string;
}

export interface ChartTheme {
  colors: ChartColors;
  /** False when the user asks for reduced motion: bars and lines appear without growing in. */
  animate: boolean;
}

const FALLBACKS: ChartColors = {
  accent: '#2563eb',
  success: '#16a34a',
  danger: '#dc2626',
  muted: '#6b7280',
  border: '#e5e7eb',
  text: '#111827',
};

/** Reads the theme and the motion preference once per mount. */
export function useChartTheme(): ChartTheme {
  return useMemo(() => {
    if (typeof window === 'undefined') return { colors: FALLBACKS, animate: false };
    const style = getComputedStyle(document.documentElement);
    const read = (name: keyof ChartColors) => style.getPropertyValue(`--${name}`).trim() || FALLBACKS[name];
    return {
      colors: {
        accent: read('accent'),
        success: read('success'),
        danger: read('danger'),
        muted: read('muted'),
        border: read('border'),
        text: read('text'),
      },
      animate: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
    };
  }, []);
}

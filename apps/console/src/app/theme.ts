import { createTheme, type CSSVariablesResolver, darken, defaultVariantColorsResolver, parseThemeColor, type VariantColorsResolver } from '@mantine/core';

// Light and subtle badges and buttons: Mantine's text shade on its tint misses WCAG AA (4.5:1); ours is darker. People
// read these screens on phones in bright warehouses.
const variantColors: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'subtle') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const palette = input.theme.colors[parsed.color];
  const color = darken(palette[9], 0.3);
  return input.variant === 'light' ? { ...colors, color, background: palette[0], hover: palette[1] } : { ...colors, color, hover: palette[0] };
};

export const theme = createTheme({
  primaryColor: 'indigo',
  // White text on a filled button reaches 4.5:1 from shade 8 on.
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  variantColorResolver: variantColors,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    Badge: { defaultProps: { radius: 'sm' }, styles: { label: { textTransform: 'none', overflow: 'visible' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': t.colors.red[9] },
  dark: {},
});

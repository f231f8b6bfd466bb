// One layout function for every screen size: projector (1920×1080), school laptop (1366×768), phone in portrait.

/** An axis-aligned rectangle in CSS pixels, the unit of both the Phaser canvas (RESIZE mode) and the overlay. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a scene puts things: the title block, the interactive panel and the illustration. */
export interface ScreenLayout {
  width: number;
  height: number;
  /** Narrow screens stack the panel above the illustration instead of beside it. */
  stacked: boolean;
  /** Base font size in px; every other size is a multiple of it. */
  unit: number;
  /** Space kept free at the top for the language toggle. */
  topBar: number;
  header: Rect;
  panel: Rect;
  art: Rect;
}

/** Height of the strip at the top of the screen that holds the language toggle. */
export const TOP_BAR = 52;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Splits the screen: a header under the top bar, then either two columns (illustration left, panel
 * right) or, on narrow screens, the panel above the illustration. panelWidth caps the panel's width.
 */
export function computeLayout(width: number, height: number, panelWidth = 460): ScreenLayout {
  const unit = Math.round(clamp(Math.min(width / 56, height / 36), 15, 26));
  const margin = clamp(Math.round(width * 0.04), 16, 64);
  const stacked = width < 820 || width / height < 1.05;
  const header: Rect = { x: margin, y: TOP_BAR, width: width - 2 * margin, height: Math.round(unit * 4.6) };
  const bodyTop = header.y + header.height + unit;
  const bodyHeight = Math.max(0, height - bodyTop - margin / 2);
  if (stacked) {
    const w = Math.min(width - 2 * margin, panelWidth);
    const panel: Rect = { x: (width - w) / 2, y: bodyTop, width: w, height: bodyHeight };
    // The illustration's top is decided once the panel's real height is known (see below()).
    return {
      width,
      height,
      stacked,
      unit,
      topBar: TOP_BAR,
      header,
      panel,
      art: { x: margin, y: height, width: width - 2 * margin, height: 0 },
    };
  }
  const gap = margin;
  const pw = Math.min(panelWidth + unit * 4, (width - 2 * margin - gap) * 0.45);
  const panel: Rect = { x: width - margin - pw, y: bodyTop, width: pw, height: bodyHeight };
  const art: Rect = { x: margin, y: bodyTop, width: width - 2 * margin - gap - pw, height: bodyHeight };
  return { width, height, stacked, unit, topBar: TOP_BAR, header, panel, art };
}

/** The free space under an element that ends at bottom, used to fit the illustration below a stacked panel. */
export function below(layout: ScreenLayout, bottom: number): Rect {
  const margin = clamp(Math.round(layout.width * 0.04), 16, 64);
  const y = bottom + layout.unit;
  return {
    x: margin,
    y,
    width: layout.width - 2 * margin,
    height: Math.max(0, layout.height - y - margin / 2),
  };
}

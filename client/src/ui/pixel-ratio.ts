// Crisp drawing on high-DPI screens: the canvas has device pixels, scenes lay out in CSS pixels through a camera zoom.
import type Phaser from 'phaser';

/** Device pixels per CSS pixel, capped at 3 so huge phones do not pay for pixels nobody sees. */
export function pixelRatio(): number {
  return Math.min(3, Math.max(1, window.devicePixelRatio || 1));
}

/** The canvas size in CSS pixels, the unit every layout uses. */
export function viewSize(scene: Phaser.Scene): { width: number; height: number } {
  const zoom = scene.scale.zoom;
  return { width: scene.scale.width * zoom, height: scene.scale.height * zoom };
}

/** Makes a scene's main camera show CSS pixels as world units: zoomed by the pixel ratio about the top-left corner. */
export function fitCamera(scene: Phaser.Scene): void {
  scene.cameras.main.setOrigin(0, 0).setZoom(1 / scene.scale.zoom);
}

/**
 * Keeps the game's canvas at the parent's size in device pixels, shown at its CSS size (Phaser's NONE
 * scale mode plus zoom = 1/ratio). RESIZE mode would draw at CSS resolution, blurry on phones.
 */
export function trackParentSize(game: Phaser.Game, parent: HTMLElement): void {
  const apply = (): void => {
    const ratio = pixelRatio();
    const width = Math.max(1, Math.round(parent.clientWidth * ratio));
    const height = Math.max(1, Math.round(parent.clientHeight * ratio));
    if (game.scale.zoom !== 1 / ratio) game.scale.setZoom(1 / ratio);
    if (game.scale.width !== width || game.scale.height !== height) game.scale.resize(width, height);
  };
  new ResizeObserver(apply).observe(parent);
  window.addEventListener('resize', apply);
  apply();
}

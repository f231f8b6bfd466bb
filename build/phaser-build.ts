// A smaller Phaser for the built client: `import Phaser from 'phaser'` resolves to build/phaser-custom.js, which
// imports only the parts of Phaser 4's own sources (node_modules/phaser/src) the game uses, and Phaser's
// compile-time flags are set as its own webpack build sets them (both renderers, no sound, no WebGL debug).
// Survives a clean `npm install`: nothing of Phaser is copied, only its published sources are read.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** Phaser's `typeof FLAG` switches and the value its build gives each (config/webpack.dist.config.js, minus sound). */
export const PHASER_FLAGS: Readonly<Record<string, boolean>> = {
  CANVAS_RENDERER: true,
  WEBGL_RENDERER: true,
  WEBGL_DEBUG: false,
  FEATURE_SOUND: false,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
};

/** The entry module listing the parts of Phaser the game uses. */
export const PHASER_ENTRY = fileURLToPath(new URL('./phaser-custom.js', import.meta.url));
/** Phaser's source folder in node_modules (its package `exports` hide it from ordinary resolution). */
const PHASER_SRC = join(dirname(createRequire(import.meta.url).resolve('phaser/package.json')), 'src');

const FLAG = new RegExp(`typeof\\s+(${Object.keys(PHASER_FLAGS).join('|')})\\b`, 'g');

/** The Vite plugin (build only; the dev server keeps the full package): resolves `phaser` and `phaser/src/…`, and sets the flags. */
export function customPhaser(): Plugin {
  return {
    name: 'kernel-crew:custom-phaser',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      if (source === 'phaser') return PHASER_ENTRY;
      if (source.startsWith('phaser/src/')) return join(PHASER_SRC, source.slice('phaser/src/'.length));
      return null;
    },
    transform(code, id) {
      if (!id.startsWith(PHASER_SRC) || !code.includes('typeof')) return null;
      // `typeof X` of an undeclared X is the string "undefined" (truthy), so the expression itself is replaced.
      const out = code.replace(FLAG, (_all, name: string) => String(PHASER_FLAGS[name]));
      return out === code ? null : { code: out, map: null };
    },
  };
}

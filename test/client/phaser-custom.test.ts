// The custom Phaser (build/phaser-custom.js) must hold every game object factory and scene plugin the client
// calls: the built game has only what that entry imports, so a new `this.add.image(...)` would fail in the
// browser alone. This reads client/src and the entry, with no browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASER_ENTRY, PHASER_FLAGS } from '../../build/phaser-build.ts';

const CLIENT = join(import.meta.dirname, '..', '..', 'client', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const client = sources(CLIENT)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const entry = readFileSync(PHASER_ENTRY, 'utf8');

/** The factory module of each `add.x(` game object, as Phaser's sources name them. */
const FACTORIES: Record<string, string> = {
  text: 'gameobjects/text/TextFactory.js',
  graphics: 'gameobjects/graphics/GraphicsFactory.js',
  zone: 'gameobjects/zone/ZoneFactory.js',
  rectangle: 'gameobjects/shape/rectangle/RectangleFactory.js',
  container: 'gameobjects/container/ContainerFactory.js',
};
/** The scene plugin behind each scene property the client reads. */
const PLUGINS: Record<string, string> = {
  tweens: 'tweens/TweenManager.js',
  time: 'time/Clock.js',
  input: 'input/InputPlugin.js',
  keyboard: 'input/keyboard/KeyboardPlugin.js',
  cameras: 'cameras/2d/CameraManager.js',
};

describe('the custom Phaser entry', () => {
  it('imports the factory of every game object the client adds', () => {
    const used = new Set([...client.matchAll(/\badd\.([a-z]+)\(/gi)].map((m) => m[1] ?? ''));
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      expect(
        FACTORIES[name],
        `no factory known for add.${name}: add it to FACTORIES and the entry`,
      ).toBeDefined();
      expect(entry).toContain(`phaser/src/${FACTORIES[name]}`);
    }
  });

  it('imports the scene plugins the client uses', () => {
    for (const [prop, module] of Object.entries(PLUGINS)) {
      const pattern = prop === 'keyboard' ? /\binput\.keyboard\b/ : new RegExp(`\\b${prop}\\.[a-zA-Z]+`);
      if (pattern.test(client)) expect(entry).toContain(`phaser/src/${module}`);
    }
  });

  it('leaves out sound and keeps both renderers', () => {
    expect(PHASER_FLAGS).toMatchObject({ CANVAS_RENDERER: true, WEBGL_RENDERER: true, FEATURE_SOUND: false });
    expect(client).not.toMatch(/\bthis\.(sound|physics|load)\./);
  });
});

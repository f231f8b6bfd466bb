// The Phaser the game ships: Phaser 4's own sources (node_modules/phaser/src, CommonJS) with only the parts the
// client uses, in place of the full phaser.esm.js (physics, tilemaps, sound, loader file types, lights, video,
// particles, … are left out). build/phaser-build.ts points `import Phaser from 'phaser'` here in `vite build`
// and sets Phaser's compile-time flags; the dev server and the types still use the full package.
// Adding a game object or scene plugin the client starts to use means adding its line here (the e2e tests fail
// with "this.add.x is not a function" otherwise); test/client/phaser-custom.test.ts checks the list against client/src.
import CONST from 'phaser/src/const.js';
import Extend from 'phaser/src/utils/object/Extend.js';
// First, as in Phaser's own entries: the renderer's modules require each other in a cycle that only resolves
// when renderer/index.js is entered before anything else reaches a render node.
import 'phaser/src/renderer/index.js';
import Game from 'phaser/src/core/Game.js';
import CoreEvents from 'phaser/src/core/events/index.js';
import Scene from 'phaser/src/scene/Scene.js';
import Scenes from 'phaser/src/scene/index.js';
import Scale from 'phaser/src/scale/index.js';
import Data from 'phaser/src/data/index.js';
import Events from 'phaser/src/events/index.js';
import Clamp from 'phaser/src/math/Clamp.js';
import InputEvents from 'phaser/src/input/events/index.js';
import Pointer from 'phaser/src/input/Pointer.js';
import GameObject from 'phaser/src/gameobjects/GameObject.js';
import Text from 'phaser/src/gameobjects/text/Text.js';
import Graphics from 'phaser/src/gameobjects/graphics/Graphics.js';
import Zone from 'phaser/src/gameobjects/zone/Zone.js';
import Rectangle from 'phaser/src/gameobjects/shape/rectangle/Rectangle.js';
import Container from 'phaser/src/gameobjects/container/Container.js';
// Scene plugins: each registers itself with Phaser's plugin cache when imported (this.cameras, this.add,
// this.children, this.input and its keyboard, this.tweens, this.time, this.data/this.registry).
import 'phaser/src/cameras/2d/CameraManager.js';
import 'phaser/src/gameobjects/GameObjectFactory.js';
import 'phaser/src/gameobjects/GameObjectCreator.js';
import 'phaser/src/gameobjects/DisplayList.js';
import 'phaser/src/gameobjects/UpdateList.js';
import 'phaser/src/scene/ScenePlugin.js';
import 'phaser/src/input/InputPlugin.js';
import 'phaser/src/input/keyboard/KeyboardPlugin.js';
import 'phaser/src/tweens/TweenManager.js';
import 'phaser/src/time/Clock.js';
import 'phaser/src/data/DataManagerPlugin.js';
// The factories behind this.add.text / graphics / zone / rectangle / container.
import 'phaser/src/gameobjects/text/TextFactory.js';
import 'phaser/src/gameobjects/graphics/GraphicsFactory.js';
import 'phaser/src/gameobjects/zone/ZoneFactory.js';
import 'phaser/src/gameobjects/shape/rectangle/RectangleFactory.js';
import 'phaser/src/gameobjects/container/ContainerFactory.js';

/** The Phaser namespace as far as the client uses it (the same shape as the full build's, minus what we never use). */
const Phaser = Extend(
  false,
  {
    Game,
    Core: { Events: CoreEvents },
    Scene,
    Scenes,
    Scale,
    Data,
    Events,
    Math: { Clamp },
    Input: { Events: InputEvents, Pointer },
    GameObjects: { GameObject, Text, Graphics, Zone, Rectangle, Container },
  },
  CONST,
);

export default Phaser;

// The Phaser game: configuration and the list of scenes; everything else lives in the scenes.
import Phaser from 'phaser';
import { installDebugHook } from './debug.ts';
import { UI } from './theme.ts';
import { required } from './ui/dom.ts';
import { pixelRatio, trackParentSize } from './ui/pixel-ratio.ts';
import { installRenderGate } from './ui/render-gate.ts';
import { Boot } from './scenes/Boot.ts';
import { Preloader } from './scenes/Preloader.ts';
import { Menu } from './scenes/Menu.ts';
import { Join } from './scenes/Join.ts';
import { Lobby } from './scenes/Lobby.ts';
import { LevelMap } from './scenes/LevelMap.ts';
import { ConceptCard } from './scenes/ConceptCard.ts';
import { LevelHud } from './scenes/LevelHud.ts';
import { LevelResult } from './scenes/LevelResult.ts';
import { Checkpoint } from './scenes/Checkpoint.ts';
import { Sandbox } from './scenes/Sandbox.ts';
import { Machine } from './scenes/Machine.ts';
import { Report } from './scenes/Report.ts';
import { installRoundRouter } from './net/round-router.ts';
import { installPredictPanel } from './ui/predict-panel.ts';

/** Starts Kernel Crew in the element with id parent (main.ts has set the language and its toggle); returns the game for tests and hot reload. */
export function startGame(parent: string): Phaser.Game {
  const host = required(parent);
  const ratio = pixelRatio();
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    title: 'Kernel Crew',
    parent,
    backgroundColor: UI.background,
    banner: false,
    // The canvas has device pixels and is shown at CSS size (see trackParentSize); scenes zoom their camera back.
    scale: {
      mode: Phaser.Scale.NONE,
      width: Math.round(host.clientWidth * ratio),
      height: Math.round(host.clientHeight * ratio),
      zoom: 1 / ratio,
    },
    // no keyboard plugin: keys are plain DOM listeners (the plugin replays a step's key events on each new one)
    input: { keyboard: false, mouse: true, touch: true },
    // No multisampled canvas: shapes are flat cards and texts are rasterised by the browser, and on a school
    // laptop drawing in software MSAA doubled a frame (64 processes: mean 51 -> 28 ms, p95 100 -> 50; issue 17).
    render: { antialiasGL: false },
    scene: [
      Boot,
      Preloader,
      Menu,
      Join,
      Lobby,
      Machine,
      Report,
      LevelMap,
      ConceptCard,
      LevelHud,
      LevelResult,
      Checkpoint,
      Sandbox,
    ],
  });
  trackParentSize(game, host);
  installDebugHook(game, installRenderGate(game));
  installRoundRouter(game);
  installPredictPanel();
  return game;
}

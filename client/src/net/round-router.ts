// Moves the game between Lobby, Machine and Report as the room's phase changes, whichever of them is showing.
import type Phaser from 'phaser';
import { currentSession, onSessionOpened, type RoomSession } from './room-session.ts';
import { showLeftNotice } from '../ui/left-notice.ts';

/** The scenes a joined room moves between; any other scene (Menu, Join…) is left alone. */
const ROUND_SCENES = new Set(['Lobby', 'Machine', 'Report']);

/** Which scene a session's phase calls for: the lobby, the machine while a round runs, the report once this round's summary is in. */
export function sceneFor(session: RoomSession): string | null {
  const phase = session.state?.phase;
  if (phase === 'running' || phase === 'paused') return 'Machine';
  if (phase === 'ended') return session.currentSummary() ? 'Report' : 'Machine';
  if (phase === 'lobby') return session.projector ? 'Machine' : 'Lobby';
  return null;
}

/** Data the Lobby scene is started with when a new round brings the class back to it. */
function lobbyData(session: RoomSession): object {
  return { code: session.code, nickname: session.myNickname(), room: session.room };
}

/** Watches every session this page opens and starts the scene its phase calls for. */
export function installRoundRouter(game: Phaser.Game): void {
  const route = (session: RoomSession): void => {
    if (!session.routed) return;
    const check = (): void => {
      const top = game.scene.getScenes(true)[0];
      const target = sceneFor(session);
      if (!top || !target || !ROUND_SCENES.has(top.scene.key) || top.scene.key === target) return;
      top.scene.start(target, target === 'Lobby' ? lobbyData(session) : {});
    };
    const timer = setInterval(check, 250);
    const off = session.on((change) => {
      if (change === 'left') {
        clearInterval(timer);
        off();
        if (!session.leaving && session.leftCode !== null) showLeftNotice(session.leftCode);
        return;
      }
      if (change === 'state' || change === 'summary') check();
    });
  };
  onSessionOpened(route);
  // A session opened before the game arrived (the join form works without the engine) is routed too.
  const early = currentSession();
  if (early) route(early);
}

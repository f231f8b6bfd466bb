// Who receives which crew's machine. A student receives their own crew's machine, standing and legal
// moves; the host, projectors and a solo player receive every crew's, and every player's score. Every
// other crew reaches a student as its number, place and jobs only, so a student's bytes stay one
// machine's however many crews the class has, and another crew's tick or a classmate's score writes
// nothing to it.
//
// Views are shared: one StateView per crew and one holding every crew, so a patch is encoded once per
// view, not once per client (Colyseus caches each view's encoding per patch). A client that joins (or
// reconnects) takes its shared view at once: its first full state is encoded from that view. A client
// whose crew changes after it has its state (the lobby re-splits crews as students arrive) has never
// received its new crew's machine, so it first gets a view of its own holding that crew, which sends
// the whole machine; once that has gone out with a patch, the client and the shared view's clients hold
// the same machine, and the client moves to the shared view.
import { StateView } from '@colyseus/schema';
import type { Client } from '@colyseus/core';
import type { Adopt, RoomStateSchema } from './projection.ts';

/** What a client should receive: one crew's machine (its key), or every crew's (`EVERY`). */
const EVERY = '*';

interface Held {
  /** The crew key the client's view holds, or EVERY. */
  want: string;
  view: StateView;
  /** The client's own view, until its first patch has gone out. */
  own: boolean;
}

export class CrewViews {
  private readonly shared = new Map<string, StateView>();
  private readonly held = new WeakMap<Client, Held>();
  /** The clients on a view of their own (few, and only for a patch or two). */
  private readonly catchingUp = new Set<Client>();
  private state: RoomStateSchema | undefined;
  /** The crews and players the views holding every crew already hold. */
  private everyHolds = new WeakSet<object>();

  /**
   * Gives each client the view of what it draws (before a patch). `crew` is a student's crew key;
   * undefined for the host, projectors and a solo player, who receive every crew.
   */
  assign(state: RoomStateSchema, clients: Iterable<{ client: Client; crew: string | undefined }>): void {
    this.state = state;
    for (const [key, view] of this.shared)
      if (key !== EVERY && !state.crews.has(key)) {
        view.dispose();
        this.shared.delete(key);
      }
    const holdEverywhere = (o: object): void => {
      if (this.everyHolds.has(o)) return;
      this.everyHolds.add(o);
      this.shared.get(EVERY)?.add(o as never);
      for (const client of this.catchingUp)
        if (this.held.get(client)!.want === EVERY) client.view!.add(o as never);
    };
    state.crews.forEach(holdEverywhere);
    state.players.forEach(holdEverywhere);
    for (const { client, crew } of clients) {
      const want = crew !== undefined && state.crews.has(crew) ? crew : EVERY;
      const held = this.held.get(client);
      if (!held || client.view === undefined) {
        // a new connection: its full state is encoded from the view it holds now
        this.hold(client, { want, view: this.sharedView(want), own: false });
      } else if (held.want !== want) {
        const own = new StateView();
        this.fill(own, want);
        if (held.own) held.view.dispose();
        this.hold(client, { want, view: own, own: true });
      } else if (held.own && held.view.changes.size === 0) {
        // its own view's first patch went out: the client now holds what the shared view's clients hold
        held.view.dispose();
        this.hold(client, { want, view: this.sharedView(want), own: false });
      }
    }
  }

  /** The adopter for a crew's projection: each instance it creates joins every view holding the crew. */
  adopter(crew: string): Adopt {
    return (created) => {
      for (const [key, view] of this.shared) if (key === crew || key === EVERY) view.add(created as never);
      for (const client of this.catchingUp) {
        const held = this.held.get(client)!;
        if (held.want === crew || held.want === EVERY) held.view.add(created as never);
      }
    };
  }

  /** The client left. */
  forget(client: Client): void {
    const held = this.held.get(client);
    if (held?.own) held.view.dispose();
    this.held.delete(client);
    this.catchingUp.delete(client);
  }

  private hold(client: Client, held: Held): void {
    this.held.set(client, held);
    if (held.own) this.catchingUp.add(client);
    else this.catchingUp.delete(client);
    client.view = held.view;
  }

  private sharedView(want: string): StateView {
    let view = this.shared.get(want);
    if (!view) {
      view = new StateView();
      this.fill(view, want);
      this.shared.set(want, view);
    }
    return view;
  }

  private fill(view: StateView, want: string): void {
    const { crews, players } = this.state!;
    if (want === EVERY)
      for (const o of [...crews.values(), ...players.values()]) {
        view.add(o);
        this.everyHolds.add(o);
      }
    else {
      const crew = crews.get(want);
      if (crew) view.add(crew);
    }
  }
}

// A class round's "predict, then reveal": holds the finished round's summary back while students pick
// (shared/roles/prediction.ts decides what is right and counts), tells every client the tally as it
// grows, then reveals and lets the summary go out. The room only forwards messages and the clock here.
import {
  advancePrediction,
  openPrediction,
  predict,
  predictionRecord,
  roundAnswer,
  tallyPicks,
  type PredictRefusal,
  type PredictionPhase,
  type PredictionPick,
  type RoundPredictions,
} from '../../shared/roles/prediction.ts';
import type { PredictionMessage } from '../../shared/protocol/server-messages.ts';
import type { RoundSummary } from '../../shared/protocol/summary.ts';
import type { RoomIO } from './room-game.ts';
import type { Seats } from './seats.ts';

/** What the prediction needs from its room. */
export interface PredictionHooks {
  io: RoomIO;
  seats: Seats;
  /** The reveal happened: send the held summary (if the room is still at that round's end). */
  reveal(summary: RoundSummary): void;
  /** Stores the round's predictions with its report (after the report itself is stored). */
  store(round: number, predictions: RoundPredictions): Promise<void>;
}

/** One room's end-of-round prediction. */
export class RoundPrediction {
  /** The teacher's setting: seconds to predict, 'until-reveal', or 0 (no prediction: the summary goes out at once). */
  seconds: number | 'until-reveal' = 0;
  private phase: PredictionPhase | null = null;
  private summary: RoundSummary | null = null;
  private saved: Promise<unknown> = Promise.resolve();

  constructor(private readonly hooks: PredictionHooks) {}

  /** Whether students are predicting now. */
  get open(): boolean {
    return this.phase !== null && !this.phase.revealed;
  }

  /** A round's summary is ready: opens the prediction and holds the summary back; false when predictions are off. */
  begin(summary: RoundSummary, saved: Promise<unknown>): boolean {
    if (this.seconds === 0) return false;
    this.phase = openPrediction(summary.round, this.seconds);
    this.summary = summary;
    this.saved = saved;
    this.tell();
    return true;
  }

  /** A student's pick; the refusal when no prediction is open. */
  pick(seat: string, pick: PredictionPick): PredictRefusal | null {
    const next = predict(this.phase, seat, pick);
    if (!next.ok) return next.refusal;
    this.phase = next.phase;
    this.tell();
    return null;
  }

  /** Wall time passes; a timed prediction reveals when its time is up. */
  advance(ms: number): void {
    if (!this.open) return;
    const next = advancePrediction(this.phase!, ms);
    this.phase = next.phase;
    if (next.due) this.reveal();
  }

  /** Reveals now (the teacher, or the time ran out); false when no prediction is open. */
  reveal(): boolean {
    if (!this.open || !this.summary) return false;
    this.phase = { ...this.phase!, revealed: true };
    this.tell();
    this.hooks.reveal(this.summary);
    this.keep();
    return true;
  }

  /** The room moves on (a new round): an unrevealed prediction is still stored, then forgotten. */
  reset(): void {
    if (this.open) this.keep();
    this.phase = null;
    this.summary = null;
  }

  /** The message one seat gets now (a joiner catches up), or null when there is no prediction. */
  messageFor(seatId: string): PredictionMessage | null {
    const phase = this.phase;
    if (!phase || !this.summary) return null;
    return {
      round: phase.round,
      phase: phase.revealed ? 'revealed' : 'open',
      seconds: phase.leftMs === null || phase.revealed ? null : Math.ceil(phase.leftMs / 1000),
      tally: tallyPicks(Object.values(phase.picks)),
      mine: phase.picks[seatId] ?? null,
      ...(phase.revealed ? { answer: roundAnswer(this.summary) } : {}),
    };
  }

  /** Tells every present seat the prediction as it stands (each student's copy with their own pick). */
  private tell(): void {
    for (const seat of this.hooks.seats.all()) {
      if (seat.status !== 'present') continue;
      const message = this.messageFor(seat.id);
      if (message) this.hooks.io.send(seat.id, 'prediction', message);
    }
  }

  /** Stores the picks with the round's report, once that report is stored. */
  private keep(): void {
    const phase = this.phase!;
    const record = predictionRecord(
      phase,
      roundAnswer(this.summary!),
      (seat) => this.hooks.seats.get(seat)?.nickname ?? seat,
    );
    void this.saved
      .then(() => this.hooks.store(phase.round, record))
      .catch((e: unknown) => console.error("[reports] could not store a round's predictions", e));
  }
}

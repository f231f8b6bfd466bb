// Checkpoint questions: multiple choice, in Korean and English, each with the explanation shown after
// the answer, drawn from the notes (the interview questions of 004_*.txt among them).
import type { Lang } from '../kernel/index.ts';

/** One language's side of a question. */
export interface QuestionText {
  question: string;
  /** For a "predict the machine" item: the machine in words, one line per thread or shared datum. */
  machine?: string[];
  choices: string[];
  explanation: string;
}

/** A multiple-choice question; `answer` indexes the correct choice (same order in both languages). */
export interface Question {
  id: string;
  /** The note it comes from (file name in shared/seeds/), so a teacher can look it up. */
  source: string;
  /** True for the five interview questions of 004_*.txt. */
  interview?: boolean;
  /** True for a "predict the machine" item: its answer was computed by running the kernel (predict.ts). */
  predict?: boolean;
  answer: number;
  ko: QuestionText;
  en: QuestionText;
}

/** A checkpoint on the map: a few questions between two levels. */
export interface Checkpoint {
  id: string;
  /** The level after which it stands. */
  after: string;
  title: Record<Lang, string>;
  questions: Question[];
}

/** Whether a chosen answer is right, and the explanation to show either way. */
export function answerQuestion(
  q: Question,
  choice: number,
  lang: Lang,
): { correct: boolean; explanation: string; answer: number } {
  return { correct: choice === q.answer, explanation: q[lang].explanation, answer: q.answer };
}

/** Stars for a checkpoint from its right answers: all right 3, two thirds 2, otherwise 1 (answered is done). */
export function checkpointStars(correct: number, total: number): number {
  if (total <= 0) return 0;
  if (correct >= total) return 3;
  return correct * 3 >= total * 2 ? 2 : 1;
}

/** Problems with a question's data (empty when well-formed). */
export function questionProblems(q: Question): string[] {
  const out: string[] = [];
  for (const lang of ['ko', 'en'] as const) {
    const t = q[lang];
    if (!t.question.trim()) out.push(`${q.id}: ${lang} question is empty`);
    if (!t.explanation.trim()) out.push(`${q.id}: ${lang} explanation is empty`);
    if (t.choices.length < 2 || t.choices.length > 5) out.push(`${q.id}: ${lang} needs 2–5 choices`);
    if (t.choices.some((c) => !c.trim())) out.push(`${q.id}: ${lang} has an empty choice`);
    if (new Set(t.choices).size !== t.choices.length) out.push(`${q.id}: ${lang} repeats a choice`);
  }
  if (q.ko.choices.length !== q.en.choices.length)
    out.push(`${q.id}: ko and en have different numbers of choices`);
  if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.en.choices.length)
    out.push(`${q.id}: answer is not one of the choices`);
  return out;
}

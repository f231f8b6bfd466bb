// The checkpoints between levels: each closes a chapter with questions from the notes; the last one
// holds the five interview questions of 004_*.txt.
import type { Checkpoint } from '../questions.ts';
import { CPU_QUESTIONS, MEMORY_QUESTIONS, PROCESS_QUESTIONS } from './questions-processes.ts';
import { INTERVIEW_QUESTIONS, IPC_QUESTIONS, SYNC_QUESTIONS, THREAD_QUESTIONS } from './questions-threads-ipc.ts';
import { PREDICTION_QUESTIONS } from './predictions.ts';

/** Every checkpoint of the campaign, each placed after the level that ends its chapter. */
export const CHECKPOINTS: readonly Checkpoint[] = [
  { id: 'checkpoint-processes', after: 'foreground-daemon', title: { ko: '점검: 프로세스와 PCB', en: 'Checkpoint: processes and the PCB' }, questions: PROCESS_QUESTIONS },
  { id: 'checkpoint-cpu', after: 'context-switch', title: { ko: '점검: 상태, 인터럽트, 문맥 교환', en: 'Checkpoint: states, interrupts, context switches' }, questions: [...CPU_QUESTIONS, ...PREDICTION_QUESTIONS.cpu] },
  { id: 'checkpoint-memory', after: 'shell-ls', title: { ko: '점검: 메모리 영역과 프로세스 계층', en: 'Checkpoint: memory segments and the process tree' }, questions: MEMORY_QUESTIONS },
  { id: 'checkpoint-threads', after: 'async-fetch', title: { ko: '점검: 스레드와 멀티프로세스', en: 'Checkpoint: threads and multiprocessing' }, questions: THREAD_QUESTIONS },
  { id: 'checkpoint-sync', after: 'producer-consumer', title: { ko: '점검: 동기화', en: 'Checkpoint: synchronisation' }, questions: [...SYNC_QUESTIONS, ...PREDICTION_QUESTIONS.sync, ...PREDICTION_QUESTIONS.ipc] },
  { id: 'checkpoint-ipc', after: 'fastest-ipc', title: { ko: '점검: 프로세스 간 통신', en: 'Checkpoint: inter-process communication' }, questions: IPC_QUESTIONS },
  { id: 'checkpoint-interview', after: 'fastest-ipc', title: { ko: '면접 질문 다섯 개', en: 'Five interview questions' }, questions: INTERVIEW_QUESTIONS },
];

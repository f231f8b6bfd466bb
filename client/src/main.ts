// Entry point: starts the game and nothing else.
import './style.css';
import { startGame } from './game.ts';

startGame('game');

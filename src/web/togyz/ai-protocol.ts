export interface AiRequest {
  id: number;
  /** The one-line position format. */
  position: string;
  level: number;
  /** Forget what earlier games taught the transposition table. */
  newGame: boolean;
}

export interface AiReply {
  id: number;
  move: number;
  depth: number;
  score: number;
}

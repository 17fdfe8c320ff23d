// Words shared by every front door: the CLI, the core's sentences and the screens.

/** "1 image", "2 images": a count with its noun; `show` formats the number (the screens group digits). */
export const plural = (n: number, one: string, many = `${one}s`, show: (n: number) => string = String): string =>
  `${show(n)} ${n === 1 ? one : many}`;

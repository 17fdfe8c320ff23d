// Screens are addressed by the URL hash (#/library …): bookmarkable in the browser, and an in-page
// navigation that Electron's will-navigate block does not stop.
export const SCREENS = [
  { id: 'library', name: 'Library', key: '1' },
  { id: 'duplicates', name: 'Duplicates', key: '2' },
  { id: 'folds', name: 'Folds & export', key: '3' },
  { id: 'viewer', name: 'Record viewer', key: '4' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

const parse = (hash: string): ScreenId => {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.some((s) => s.id === id) ? (id as ScreenId) : 'library';
};

class Route {
  screen = $state<ScreenId>(parse(location.hash));
  constructor() {
    window.addEventListener('hashchange', () => (this.screen = parse(location.hash)));
  }
  go(id: ScreenId): void {
    location.hash = `#/${id}`;
  }
}

export const route = new Route();

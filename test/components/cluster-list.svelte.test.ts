// ClusterList: a virtualised list (10,000 clusters must cost as much as a screenful) that says each
// cluster's state in words and reports clicks and Enter by index.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ClusterList from '../../src/renderer/src/components/ClusterList.svelte';
import type { DupCluster } from '../../src/shared/contract.ts';

const cluster = (id: number, extra: Partial<DupCluster> = {}): DupCluster =>
  ({
    id,
    members: [
      { id: id * 10, path: `plants/img-${id}.jpg`, status: 'active', label: 'rose', width: 640, height: 480 },
      { id: id * 10 + 1, path: `plants/copy-${id}.jpg`, status: 'excluded', label: id === 4 ? 'tulip' : 'rose', width: 320, height: 240 },
    ],
    resolved: false,
    notDuplicates: false,
    mixedLabels: false,
    ...extra,
  }) as unknown as DupCluster;

let host: HTMLElement | null = null;
let list: ReturnType<typeof mount> | null = null;

function render(clusters: DupCluster[], selected = 0) {
  const picked: number[] = [];
  host = document.createElement('div');
  document.body.append(host);
  list = mount(ClusterList, { target: host, props: { clusters, selected, onselect: (i: number) => picked.push(i) } });
  flushSync();
  return { picked, rows: () => [...host!.querySelectorAll<HTMLElement>('[data-testid=cluster-row]')] };
}

afterEach(() => {
  if (list) void unmount(list);
  host?.remove();
  list = null;
});

describe('ClusterList', () => {
  it('puts only a screenful of 10,000 clusters in the DOM and names the total', () => {
    const { rows } = render(Array.from({ length: 10_000 }, (_, i) => cluster(i + 1)));
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(40);
    expect(host!.querySelector('[role=listbox]')!.getAttribute('aria-label')).toBe('Clusters, 10000');
    expect(rows()[0]!.dataset.cluster).toBe('1');
  });

  it('says each state in words (open, kept, not duplicates), names conflicting labels and sizes, marks the selected row', () => {
    const { rows } = render(
      [cluster(1), cluster(2, { resolved: true }), cluster(3, { notDuplicates: true, resolved: true }), cluster(4, { mixedLabels: true })],
      1,
    );
    expect(rows().map((r) => r.dataset.state)).toEqual(['open', 'kept', 'not duplicates', 'open']);
    expect(rows().map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false']);
    // The conflict names the labels, not just "mixed"; sizes are the resolution range.
    expect(rows()[3]!.querySelector('[data-testid=row-labels]')!.textContent).toBe('rose / tulip');
    // Labels come before sizes: a narrow row's ellipsis then cuts the sizes, never the conflict.
    expect(rows()[3]!.textContent.replace(/\s+/g, ' ')).toMatch(/2 images · rose \/ tulip · 320×240–640×480/);
    expect(rows()[0]!.textContent.replace(/\s+/g, ' ')).toMatch(/2 images · (\S+ · )?320×240–640×480/);
    expect(rows()[0]!.querySelector('[data-testid=row-labels]')).toBeNull();
    expect(rows()[0]!.textContent).toContain('img-1.jpg');
    expect(host!.querySelector('[role=listbox]')!.getAttribute('aria-activedescendant')).toBe('cluster-row-1');
  });

  it('reports a click and Enter on a row by its index', () => {
    const { picked, rows } = render([cluster(1), cluster(2), cluster(3)]);
    rows()[2]!.click();
    rows()[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    rows()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
    expect(picked).toEqual([2, 1]);
  });
});

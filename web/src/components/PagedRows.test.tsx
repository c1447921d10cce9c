import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePagedList, type Page } from '../api/paged';
import { renderWithProviders } from '../test/render';
import { PagedRows } from './PagedRows';

// Two pages, as the API's keyset pagination answers them (docs/api.md, "Pagination").
const PAGES: Record<string, Page<string>> = {
  first: { data: ['Alpha', 'Bravo'], nextCursor: 'after-bravo' },
  'after-bravo': { data: ['Charlie'], nextCursor: null },
};

function Letters({ asked }: { asked: (string | undefined)[] }) {
  const query = usePagedList({
    queryKey: ['letters'],
    page: (cursor) => {
      asked.push(cursor);
      const page = PAGES[cursor ?? 'first'];
      return page === undefined ? Promise.reject(new Error('no such page')) : Promise.resolve(page);
    },
  });
  return (
    <PagedRows query={query} empty="No letters." loadMoreLabel="Load more letters">
      {(rows) => (
        <ul>
          {rows.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )}
    </PagedRows>
  );
}

describe('usePagedList and PagedRows', () => {
  it('shows the first page, then the next one from its cursor, and no button after the last', async () => {
    const asked: (string | undefined)[] = [];
    renderWithProviders(<Letters asked={asked} />);
    expect(await screen.findByText('Bravo')).toBeTruthy();
    expect(screen.queryByText('Charlie')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Load more letters' }));
    expect(await screen.findByText('Charlie')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Alpha',
      'Bravo',
      'Charlie',
    ]);
    expect(asked).toEqual([undefined, 'after-bravo']);
    expect(screen.queryByRole('button', { name: 'Load more letters' })).toBeNull();
  });

  it('says the list is empty when the first page has no rows', async () => {
    function Empty() {
      const query = usePagedList({
        queryKey: ['empty'],
        page: () => Promise.resolve({ data: [], nextCursor: null }),
      });
      return (
        <PagedRows query={query} empty="No letters.">
          {() => <p>rows</p>}
        </PagedRows>
      );
    }
    renderWithProviders(<Empty />);
    expect(await screen.findByText('No letters.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

import { DateInput } from '@mantine/dates';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';

describe('calendar labels', () => {
  it('names the icon-only controls of every date input, through the theme', async () => {
    renderWithProviders(<DateInput label="Due date" />);
    fireEvent.click(screen.getByLabelText('Due date'));
    for (const name of ['Previous month', 'Next month', 'Choose the month']) {
      expect((await screen.findByLabelText(name)).tagName).toBe('BUTTON');
    }
  });
});

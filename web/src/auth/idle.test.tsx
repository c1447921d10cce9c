import { act, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleTimeout, warningSeconds } from './idle';
import { lastActivity } from './session';

function Probe(props: { idle: number; onIdle: () => void; touch: () => void }) {
  const left = useIdleTimeout(props.idle, props.onIdle, props.touch);
  return <p data-testid="left">{left === null ? 'none' : String(left)}</p>;
}

function leftShown(container: HTMLElement): string {
  return container.querySelector('[data-testid="left"]')?.textContent ?? '';
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useIdleTimeout', () => {
  it('warns a minute before, or half the timeout when shorter', () => {
    expect(warningSeconds(900)).toBe(60);
    expect(warningSeconds(60)).toBe(30);
  });

  it('warns, then calls onIdle when nothing happens in any tab', () => {
    const onIdle = vi.fn();
    const { container } = render(<Probe idle={20} onIdle={onIdle} touch={vi.fn()} />);
    act(() => void vi.advanceTimersByTime(9_000));
    expect(leftShown(container)).toBe('none');
    act(() => void vi.advanceTimersByTime(2_000));
    expect(leftShown(container)).toBe('9');
    act(() => void vi.advanceTimersByTime(9_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts input here, and activity recorded by another tab, and tells the API', () => {
    const onIdle = vi.fn();
    const touch = vi.fn();
    const { container } = render(<Probe idle={20} onIdle={onIdle} touch={touch} />);
    act(() => void vi.advanceTimersByTime(15_000));
    expect(leftShown(container)).toBe('5');
    fireEvent.keyDown(window, { key: 'a' });
    expect(touch).toHaveBeenCalledTimes(1);
    act(() => void vi.advanceTimersByTime(1_000));
    expect(leftShown(container)).toBe('none');

    // Another tab writes its activity to localStorage: this one counts from it too.
    act(() => void vi.advanceTimersByTime(15_000));
    lastActivity.write(Date.now());
    act(() => void vi.advanceTimersByTime(15_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(5_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});

// Starts the whole UI against the fake office, through the real IPC boundary
// (mockIPC), for component tests.

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from '../App.svelte';
import { fakeConfig, fakeOffice, type FakeOffice } from './fake-office';

/** Renders the kiosk with `overrides` replacing single commands; waits for the home screen. */
export async function startKiosk(
  overrides: Parameters<typeof fakeOffice>[0] = {},
  options: Parameters<typeof fakeOffice>[1] = {},
): Promise<FakeOffice> {
  const office = fakeOffice(overrides, options);
  mockIPC(office.handler, { shouldMockEvents: true });
  render(App);
  await screen.findByText(fakeConfig.office_name);
  // The catalogue arrives right after the profile.
  await waitFor(() => {
    if (!office.calls.some((call) => call.command === 'load_catalogue')) throw new Error('no catalogue yet');
  });
  return office;
}

/** Unmounts the kiosk, then removes the fake IPC (in that order: unmounting unlistens). */
export function stopKiosk(): void {
  cleanup();
  clearMocks();
}

/** Touches the element with `testid`, once it is on screen. */
export async function touch(testid: string): Promise<void> {
  const element = await screen.findByTestId(testid);
  await fireEvent.pointerDown(element);
  await fireEvent.click(element);
}

/** Arguments of the calls to `command`. */
export function argsOf(office: FakeOffice, command: string): unknown[] {
  return office.calls.filter((call) => call.command === command).map((call) => call.args);
}

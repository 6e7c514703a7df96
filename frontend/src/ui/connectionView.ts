/** Shows the connection state and enables the controls that make sense in it. */
import type { ConnectionStatus } from '../protocol/connection';

export interface ConnectionControls {
  readonly state: HTMLElement;
  readonly detail: HTMLElement;
  readonly user: HTMLInputElement;
  readonly connect: HTMLButtonElement;
  readonly close: HTMLButtonElement;
  readonly send: HTMLButtonElement;
}

export function renderConnection(controls: ConnectionControls, status: ConnectionStatus): void {
  const closed = status.state === 'closed';
  controls.state.textContent = status.state;
  controls.state.className = `state state-${status.state}`;
  controls.detail.textContent =
    status.retryInMs === null ? '' : `next try in ${Math.ceil(status.retryInMs / 1000)} s`;
  controls.user.disabled = !closed;
  controls.connect.disabled = !closed;
  controls.close.disabled = closed;
  controls.send.disabled = closed;
}

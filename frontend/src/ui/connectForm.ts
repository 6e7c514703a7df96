/** The name field with Connect (form submit) and Close. */
export interface ConnectHandlers {
  connect(name: string): void;
  close(): void;
}

export function wireConnectForm(form: HTMLFormElement, user: HTMLInputElement, close: HTMLButtonElement, handlers: ConnectHandlers): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handlers.connect(user.value.trim());
  });
  close.addEventListener('click', () => handlers.close());
}

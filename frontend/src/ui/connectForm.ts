/** The name field with Connect (form submit, which signs in first) and Leave. */
export interface ConnectHandlers {
  connect(name: string): Promise<void>;
  close(): Promise<void>;
}

export function wireConnectForm(form: HTMLFormElement, user: HTMLInputElement, close: HTMLButtonElement, handlers: ConnectHandlers): void {
  let signingIn = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // One claim at a time: a second Enter while the first is on its way would claim twice.
    if (signingIn) return;
    signingIn = true;
    void handlers.connect(user.value.trim()).finally(() => {
      signingIn = false;
    });
  });
  close.addEventListener('click', () => void handlers.close());
}

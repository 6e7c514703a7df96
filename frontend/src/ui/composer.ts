/** The message box: Enter or Send submits, Shift+Enter adds a line. */
import type { SendResult } from '../protocol/types';

export type SendHandler = (text: string) => Promise<SendResult>;

export function wireComposer(form: HTMLFormElement, box: HTMLTextAreaElement, onSend: SendHandler): void {
  box.addEventListener('keydown', (event) => {
    // isComposing: Enter that confirms an IME composition must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = box.value;
    void onSend(text).then((result) => {
      // Keep anything typed while the request was in flight.
      if (result.ok && box.value === text) box.value = '';
    });
  });
}

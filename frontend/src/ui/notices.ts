/** The page's notice lines: errors, information about a send, the status line, and missed events. */
export interface NoticeElements {
  readonly error: HTMLElement;
  readonly info: HTMLElement;
  readonly status: HTMLElement;
  readonly missed: HTMLElement;
}

export class Notices {
  constructor(private readonly elements: NoticeElements) {}

  /** An error replaces any information shown, and the other way round: only the latest is true. */
  showError(text: string): void {
    this.elements.error.textContent = text;
    this.elements.info.textContent = '';
  }

  showInfo(text: string): void {
    this.elements.info.textContent = text;
    this.elements.error.textContent = '';
  }

  clearErrorAndInfo(): void {
    this.elements.error.textContent = '';
    this.elements.info.textContent = '';
  }

  showStatus(text: string): void {
    this.elements.status.textContent = text;
  }

  /** Stays until the user connects again: events were lost, and the reader should know it. */
  showMissed(text: string): void {
    this.elements.missed.textContent = `Some messages were missed while you were away: ${text}`;
  }

  clearMissed(): void {
    this.elements.missed.textContent = '';
  }
}

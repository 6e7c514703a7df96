/** The error line and the status line. */
export class Notices {
  constructor(
    private readonly error: HTMLElement,
    private readonly status: HTMLElement,
  ) {}

  showError(text: string): void {
    this.error.textContent = text;
  }

  clearError(): void {
    this.error.textContent = '';
  }

  showStatus(text: string): void {
    this.status.textContent = text;
  }
}

/** The "To" picker: Everyone plus the other users online. */
import { element } from './dom';

export class RecipientPicker {
  constructor(private readonly select: HTMLSelectElement) {}

  /** null means everyone. */
  get recipient(): string | null {
    return this.select.value === '' ? null : this.select.value;
  }

  render(online: readonly string[], self: string | null): void {
    const chosen = this.select.value;
    const others = online.filter((name) => name !== self);
    const options = [element('option', '', 'Everyone')];
    options[0]!.value = '';
    for (const name of others) options.push(this.option(name, name));
    // A recipient who just left stays chosen: falling back to Everyone would broadcast a private message.
    if (chosen !== '' && !others.includes(chosen)) options.push(this.option(chosen, `${chosen} (offline)`));
    this.select.replaceChildren(...options);
    this.select.value = chosen;
  }

  private option(value: string, label: string): HTMLOptionElement {
    const option = element('option', '', label);
    option.value = value;
    return option;
  }
}

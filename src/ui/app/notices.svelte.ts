/** Messages the page shows above everything else (a discarded saved session, a replayed link, …). */
export interface Notice {
  id: number;
  tone: 'info' | 'warning';
  text: string;
}

export class Notices {
  #list = $state.raw<Notice[]>([]);
  #next = 1;

  get list(): Notice[] { return this.#list; }

  push(tone: Notice['tone'], text: string): number {
    const id = this.#next++;
    this.#list = [...this.#list, { id, tone, text }];
    return id;
  }

  dismiss(id: number): void {
    this.#list = this.#list.filter((n) => n.id !== id);
  }
}

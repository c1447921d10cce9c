/** Lower-case words of a text: runs of letters and digits (`"Malignant neoplasm, C3-C4"` → malignant, neoplasm, c3, c4). */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * An inverted index over a fixed list of texts, built once: for every distinct word, the rows
 * whose text contains it. A query word matches every indexed word it begins with, so a partial
 * word typed at the front desk ("hypertro") already finds its rows.
 */
export class WordIndex {
  /** Distinct words, sorted, so the words beginning with a prefix are one contiguous range. */
  private readonly vocabulary: string[];
  /** Parallel to `vocabulary`: the rows containing that word, ascending. */
  private readonly postings: Int32Array[];

  constructor(private readonly texts: readonly string[]) {
    const rowsByWord = new Map<string, number[]>();
    texts.forEach((text, row) => {
      for (const word of wordsOf(text)) {
        const rows = rowsByWord.get(word);
        if (!rows) rowsByWord.set(word, [row]);
        // Rows come in ascending order, so a word repeated in one text is the last row listed.
        else if (rows[rows.length - 1] !== row) rows.push(row);
      }
    });
    this.vocabulary = [...rowsByWord.keys()].sort();
    this.postings = this.vocabulary.map((word) => Int32Array.from(rowsByWord.get(word) ?? []));
  }

  /** Rows (ascending) whose text has, for each query word, a word beginning with it. */
  rowsMatchingAll(queryWords: readonly string[]): number[] {
    const perWord = [...new Set(queryWords)].map((w) => this.postingsOfPrefix(w));
    if (perWord.length === 0) return [];
    // Start from the rarest word and strike out rows the others lack: the work is bounded by
    // the posting lists involved, never by the whole list of texts.
    perWord.sort((a, b) => totalLength(a) - totalLength(b));
    const [rarest = [], ...others] = perWord;
    let rows = this.unionOf(rarest);
    for (const lists of others) {
      if (rows.length === 0) break;
      const present = new Uint8Array(this.texts.length);
      for (const list of lists) for (const row of list) present[row] = 1;
      rows = rows.filter((row) => present[row] === 1);
    }
    return rows;
  }

  private unionOf(lists: readonly Int32Array[]): number[] {
    if (lists.length === 1 && lists[0]) return Array.from(lists[0]);
    const present = new Uint8Array(this.texts.length);
    for (const list of lists) for (const row of list) present[row] = 1;
    const rows: number[] = [];
    present.forEach((flag, row) => {
      if (flag === 1) rows.push(row);
    });
    return rows;
  }

  private postingsOfPrefix(prefix: string): Int32Array[] {
    const lists: Int32Array[] = [];
    for (let i = lowerBound(this.vocabulary, prefix); i < this.vocabulary.length; i++) {
      if (!this.vocabulary[i]?.startsWith(prefix)) break;
      const list = this.postings[i];
      if (list) lists.push(list);
    }
    return lists;
  }
}

/** The first index of `sorted` whose value is not below `value`. */
export function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function totalLength(lists: readonly Int32Array[]): number {
  return lists.reduce((n, list) => n + list.length, 0);
}

/**
 * A test-only writer of tiny Parquet files (so the Select specs can query Parquet without a
 * Parquet library): one row group, REQUIRED columns of INT64 or UTF-8 strings, PLAIN encoding,
 * uncompressed v1 data pages, metadata in Thrift's compact protocol.
 */

/** A column: its name and its values (all numbers → INT64, all strings → UTF8 BYTE_ARRAY). */
export type ParquetColumn = { readonly name: string; readonly values: readonly number[] } | { readonly name: string; readonly values: readonly string[] };

const T = { I32: 5, I64: 6, BINARY: 8, LIST: 9, STRUCT: 12 } as const;

/** Thrift compact-protocol encoder, just what Parquet metadata needs. */
class Compact {
  readonly bytes: number[] = [];
  #last: number[] = [0];

  varint(n: bigint): void {
    let v = n;
    while (v >= 0x80n) {
      this.bytes.push(Number((v & 0x7fn) | 0x80n));
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }

  #zigzag(n: number | bigint): void {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }

  #field(id: number, type: number): void {
    const delta = id - this.#last[this.#last.length - 1]!;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.#zigzag(id);
    }
    this.#last[this.#last.length - 1] = id;
  }

  i32(id: number, v: number): this {
    this.#field(id, T.I32);
    this.#zigzag(v);
    return this;
  }

  i64(id: number, v: number): this {
    this.#field(id, T.I64);
    this.#zigzag(v);
    return this;
  }

  string(id: number, v: string): this {
    this.#field(id, T.BINARY);
    this.#binary(v);
    return this;
  }

  /** Ends the top-level struct. */
  end(): number[] {
    this.bytes.push(0);
    return this.bytes;
  }

  #binary(v: string): void {
    const b = Buffer.from(v, "utf8");
    this.varint(BigInt(b.length));
    this.bytes.push(...b);
  }

  struct(id: number, body: (c: this) => void): this {
    this.#field(id, T.STRUCT);
    this.#open(body);
    return this;
  }

  #open(body: (c: this) => void): void {
    this.#last.push(0);
    body(this);
    this.bytes.push(0); // stop
    this.#last.pop();
  }

  #listHeader(size: number, type: number): void {
    if (size < 15) this.bytes.push((size << 4) | type);
    else {
      this.bytes.push(0xf0 | type);
      this.varint(BigInt(size));
    }
  }

  structs<E>(id: number, items: readonly E[], body: (c: this, item: E) => void): this {
    this.#field(id, T.LIST);
    this.#listHeader(items.length, T.STRUCT);
    for (const item of items) this.#open((c) => body(c, item));
    return this;
  }

  i32s(id: number, items: readonly number[]): this {
    this.#field(id, T.LIST);
    this.#listHeader(items.length, T.I32);
    for (const v of items) this.#zigzag(v);
    return this;
  }

  strings(id: number, items: readonly string[]): this {
    this.#field(id, T.LIST);
    this.#listHeader(items.length, T.BINARY);
    for (const v of items) this.#binary(v);
    return this;
  }
}

const INT64 = 2;
const BYTE_ARRAY = 6;
const UTF8 = 0;
const REQUIRED = 0;
const PLAIN = 0;
const RLE = 3;

function plainValues(col: ParquetColumn): Buffer {
  if (typeof col.values[0] === "number") {
    const b = Buffer.alloc(8 * col.values.length);
    (col.values as readonly number[]).forEach((v, i) => b.writeBigInt64LE(BigInt(v), i * 8));
    return b;
  }
  return Buffer.concat((col.values as readonly string[]).map((v) => {
    const s = Buffer.from(v, "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32LE(s.length);
    return Buffer.concat([len, s]);
  }));
}

/** Builds a Parquet file holding the given columns (all of the same length). */
export function parquetFile(columns: readonly ParquetColumn[]): Buffer {
  const rows = columns[0]!.values.length;
  const parts: Buffer[] = [Buffer.from("PAR1")];
  let offset = 4;
  const chunks = columns.map((col) => {
    const data = plainValues(col);
    const header = new Compact()
      .i32(1, 0) // DATA_PAGE
      .i32(2, data.length)
      .i32(3, data.length)
      .struct(5, (c) => c.i32(1, rows).i32(2, PLAIN).i32(3, RLE).i32(4, RLE));
    const page = Buffer.concat([Buffer.from(header.end()), data]);
    const chunk = { col, type: typeof col.values[0] === "number" ? INT64 : BYTE_ARRAY, offset, size: page.length };
    parts.push(page);
    offset += page.length;
    return chunk;
  });
  const meta = new Compact()
    .i32(1, 1)
    .structs(2, [undefined, ...chunks], (c, ch) => {
      if (ch === undefined) c.string(4, "schema").i32(5, chunks.length);
      else {
        c.i32(1, ch.type).i32(3, REQUIRED).string(4, ch.col.name);
        if (ch.type === BYTE_ARRAY) c.i32(6, UTF8);
      }
    })
    .i64(3, rows)
    .structs(4, [chunks], (c, all) => {
      c.structs(1, all, (cc, ch) => {
        cc.i64(2, ch.offset).struct(3, (m) => {
          m.i32(1, ch.type).i32s(2, [PLAIN, RLE]).strings(3, [ch.col.name]).i32(4, 0).i64(5, rows)
            .i64(6, ch.size).i64(7, ch.size).i64(9, ch.offset);
        });
      }).i64(2, all.reduce((n, ch) => n + ch.size, 0)).i64(3, rows);
    });
  const metaBytes = Buffer.from(meta.end());
  const len = Buffer.alloc(4);
  len.writeUInt32LE(metaBytes.length);
  parts.push(metaBytes, len, Buffer.from("PAR1"));
  return Buffer.concat(parts);
}

/**
 * The facade's `removeObjects` result: the seed yields only the keys that could not be
 * removed, so this is a view of a {@link BulkMutation} that keeps its failures, as
 * {@link DeleteError}s — an Observable (replayed), an async iterable, and awaitable for the
 * array. Like the mutation it views, the removal has already started.
 */
import { filter, map, Observable } from "rxjs";
import type { BulkMutation } from "./bulk-mutation.js";
import { DeleteError } from "./delete-object.js";
import type { MutationError, MutationResult } from "./mutation-result.js";

function toDeleteError(e: MutationError | MutationResult): DeleteError {
  return new DeleteError(e.code ?? "", e.message ?? "", e.objectName, e.versionId);
}

/** The keys a `removeObjects` could not remove: Observable, async iterable, awaitable array. */
export class DeleteErrors extends Observable<DeleteError> implements PromiseLike<DeleteError[]>, AsyncIterable<DeleteError> {
  /** The removal underneath, with every key's result and the counts. */
  readonly mutation: BulkMutation;

  /** @internal */
  constructor(mutation: BulkMutation) {
    super((subscriber) => mutation.pipe(filter((r) => r.status === "failed"), map(toDeleteError)).subscribe(subscriber));
    this.mutation = mutation;
  }

  /** Resolves to every key that could not be removed (empty when all were). */
  then<R1 = DeleteError[], R2 = never>(
    onfulfilled?: ((value: DeleteError[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return Promise.resolve(this.mutation.then((s) => s.errors.map(toDeleteError))).then(onfulfilled, onrejected);
  }

  /** Iterates the keys that could not be removed, as they are reported. */
  async *[Symbol.asyncIterator](): AsyncIterator<DeleteError> {
    for await (const r of this.mutation) if (r.status === "failed") yield toDeleteError(r);
  }
}

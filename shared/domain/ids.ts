/** Produces sortable unique ids (ULIDs in production); injected so rules stay deterministic. */
export interface IdSource {
  next(): string;
}

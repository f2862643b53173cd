// The mark every object the provider creates carries on its array (DESIGN.md "The arrays are the
// shared record"): which fleet and which resource created it. A later run
// that finds an object of its name with its own fleet's mark may adopt it (a create whose answer
// was lost, or an apply killed mid-create); one without the mark belongs to someone else.
//
// - FlashArray: volume tags (REST 2.2+, `GET/PUT /volumes/tags`; `tags` in the create body), in a
//   namespace of our own. The create carries them, so no unmarked moment exists.
// - FlashBlade: neither FB 2.0 nor 2.28 has tags on file systems (only on workloads), so the
//   fleet's name prefix is the only mark: the name `<fleet>-<name>` is reserved for the fleet, but
//   an unrecorded file system of that name is adopted only when the user asks
//   (engineering/fault-safety.md). An older FlashArray (REST 2.0/2.1) follows the same rule.

/** Tag namespace of the provider's marks. (`pure*` namespaces are reserved for Pure's own plugins.) */
export const MARK_NAMESPACE = 'terraform-fleet';

/** REST version from which FlashArray volume tags exist (as the simulator serves them). */
export const FA_MIN_TAGS_VERSION = '2.2';

export interface OwnershipMark {
  /** The fleet's name. */
  readonly fleet: string;
  /** The resource's id, `<fleet>/<name>`. */
  readonly resource: string;
}

/** How an object's ownership is known. */
export type Ownership =
  /** Tagged with this mark. */
  | { readonly by: 'mark'; readonly mark: OwnershipMark }
  /** Tags were readable and this object has none of ours. */
  | { readonly by: 'unmarked' }
  /** The array keeps no tags (FlashBlade, FlashArray REST < 2.2): the name prefix is the rule. */
  | { readonly by: 'prefix-rule' };

export interface MarkTag {
  readonly namespace: string;
  readonly key: string;
  readonly value: string;
  readonly copyable: boolean;
}

/** The one tag key of the mark: its value is the resource id, which names the fleet too. */
export const MARK_KEY = 'resource';

/**
 * The mark as FlashArray tags: one tag, so the mark costs one tag per volume wherever tags are
 * listed. Not copied when the volume is copied (a copy is not the fleet's).
 */
export function markTags(mark: OwnershipMark): MarkTag[] {
  return [{ namespace: MARK_NAMESPACE, key: MARK_KEY, value: mark.resource, copyable: false }];
}

/** Folds a tag listing (`GET /volumes/tags?namespaces=…`) into one mark per lower-cased volume name. */
export function marksFromTags(
  tags: readonly {
    readonly namespace?: string;
    readonly key?: string;
    readonly value?: string;
    readonly resource?: { readonly name?: string };
  }[],
): Map<string, OwnershipMark> {
  const marks = new Map<string, OwnershipMark>();
  for (const t of tags) {
    const name = t.resource?.name;
    if (t.namespace !== MARK_NAMESPACE || t.key !== MARK_KEY || !name || !t.value) continue;
    const slash = t.value.indexOf('/');
    if (slash <= 0) continue;
    marks.set(name.toLowerCase(), { fleet: t.value.slice(0, slash), resource: t.value });
  }
  return marks;
}

/**
 * Whether an object of this ownership is provably the fleet's own copy of `resource`: only a mark
 * proves it. Under the prefix rule the name is the fleet's, but whether this fleet made the object
 * cannot be told from the array, so it is adopted only when the user asks (adopt = true).
 */
export function ownedBy(ownership: Ownership | undefined, fleet: string, resource: string): boolean {
  return ownership?.by === 'mark' && ownership.mark.fleet === fleet && ownership.mark.resource === resource;
}
